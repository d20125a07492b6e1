#pragma once
// `sango-kiosk --self-test IMAGE --staff ID`: the installed kiosk checks itself, driven from outside its screens
// as a person would use them. It starts the kiosk (the window is created and shown), signs in (the PIN is one
// line on stdin, through the sign-in path with its Argon2id and lockout), decodes the image's QR with the
// camera's decoder and hands it to the window's scan path, closes that session from the open sessions' list,
// syncs once if the terminal is enrolled, and prints {"coupon_id", "session_id", "opened", "closed",
// "billed_minutes", "synced"} on stdout. Returns 0, or a failure's exit status (with the failure's JSON on
// stdout and its words on stderr). The demo (`./dev.sh run` without a display) and the package test run it.
#include <string>

namespace sango::kiosk {

class KioskApp;

int runSelfTest(KioskApp& app, const std::string& image, const std::string& staffId);

} // namespace sango::kiosk
