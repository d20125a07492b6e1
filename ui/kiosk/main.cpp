// sango-kiosk: thin; wires the libraries (see kiosk_app.cpp).
#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    return 0;
}
