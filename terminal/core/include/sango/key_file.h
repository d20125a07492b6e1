#pragma once
// The store key: 256 random bits, kept as 64 hex characters in a file of mode 0600 beside the store (or
// where --key-file or [store] key_file says), or handed over by systemd as the credential "store-key" (a file
// of mode 0400 in $CREDENTIALS_DIRECTORY). The key provider interface lets a TPM take its place.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "sango/error.h"

namespace sango {

class StoreKey {
public:
    static constexpr std::size_t kSize = 32;
    StoreKey() = default;
    explicit StoreKey(const std::array<std::uint8_t, kSize>& bytes) : m_bytes(bytes) {}
    ~StoreKey();
    StoreKey(const StoreKey&) = default;
    StoreKey& operator=(const StoreKey&) = default;

    static StoreKey random();
    const std::array<std::uint8_t, kSize>& bytes() const { return m_bytes; }
    // The SQLCipher raw-key literal: x'<64 hex>' (a secret: never log it).
    std::string sqlcipherLiteral() const;
    // A keyed hash that identifies the key without revealing it, to tell "wrong key" from "corrupt file".
    std::string fingerprint() const;

private:
    std::array<std::uint8_t, kSize> m_bytes{};
};

class KeyProvider {
public:
    virtual ~KeyProvider() = default;
    virtual Expected<StoreKey> load() const = 0;
    // Where the key lives, for messages (never the key itself).
    virtual std::string describe() const = 0;
};

// Reads a key file: 64 hex characters (a line end may follow). Mode 0600 or 0400; a file that the group or
// others may read is used, with a warning in the log (a key on removable media cannot always be 0600).
class KeyFile final : public KeyProvider {
public:
    explicit KeyFile(std::filesystem::path path) : m_path(std::move(path)) {}

    Expected<StoreKey> load() const override;
    std::string describe() const override { return m_path.string(); }
    bool exists() const;
    // Creates the file with a new random key, mode 0600, refusing to overwrite one that exists.
    Expected<StoreKey> create() const;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// The name of the store key's systemd credential (LoadCredential=store-key:PATH or LoadCredentialEncrypted=).
inline constexpr const char* kStoreKeyCredential = "store-key";

// $CREDENTIALS_DIRECTORY/store-key when the service was given that credential (the file exists); else nothing.
std::optional<std::filesystem::path> storeKeyCredential();

} // namespace sango
