#pragma once
// A short tone per result kind, so staff hear what happened without looking: a rising two-tone for care
// started or recorded, a single low tone for a refusal. The PCM is synthesised here (no sound files) and
// played with QAudioSink reading a buffer (pull mode), which returns at once: the GUI thread never waits for
// the sound.
// Silent when the settings turn sound off or when there is no audio output (a headless test machine).
#include <vector>

#include <QByteArray>
#include <QObject>

#include "result_text.h"

class QAudioSink;
class QBuffer;

namespace sango::kiosk {

struct KioskSettings;

class FeedbackSound : public QObject {
    Q_OBJECT
public:
    explicit FeedbackSound(const KioskSettings& settings, QObject* parent = nullptr);
    ~FeedbackSound() override;

    // Starts the kind's tone (stopping one still playing) and returns at once.
    void play(ResultKind kind);

    // How many tones reached an audio output (0 with sound off or without a device).
    int playedCount() const { return m_played; }

    struct Note {
        int hertz;
        int milliseconds;
    };
    static std::vector<Note> notes(ResultKind kind);
    // The kind's tone as signed 16-bit mono PCM at kSampleRate (empty for none).
    static QByteArray pcm(ResultKind kind);
    static constexpr int kSampleRate = 22050;

private:
    void stop();

    const KioskSettings* m_settings;
    QAudioSink* m_sink = nullptr;
    QBuffer* m_buffer = nullptr;
    int m_played = 0;
};

} // namespace sango::kiosk
