// sango-kiosk: thin; the wiring is KioskApp's (kiosk_app.cpp).
#include "kiosk_app.h"

int main(int argc, char** argv)
{
    return sango::kiosk::runKiosk(argc, argv);
}
