// The fixed colours: chosen to read on both the light and the dark palettes the app follows.
#include "palette.h"

#include <QPalette>

namespace peanuts {

QColor errorColor()
{
    return QColor(0xc6, 0x28, 0x28);
}

QString errorColorName()
{
    return errorColor().name();
}

QString toneBackground(OutcomeTone tone)
{
    switch (tone) {
    case OutcomeTone::Good:
        return QStringLiteral("#2e7d32");
    case OutcomeTone::Warning:
        return QStringLiteral("#a35a00");
    case OutcomeTone::Bad:
        break;
    }
    return errorColorName();
}

QString toneText(OutcomeTone tone, const QPalette &palette)
{
    if (palette.color(QPalette::Base).lightness() >= 128)
        return toneBackground(tone);
    switch (tone) {
    case OutcomeTone::Good:
        return QStringLiteral("#81c784");
    case OutcomeTone::Warning:
        return QStringLiteral("#ffb74d");
    case OutcomeTone::Bad:
        break;
    }
    return QStringLiteral("#ef9a9a");
}

QColor chartBlue()
{
    return QColor(0x3b, 0x82, 0xc4);
}

QColor chartAmber()
{
    return QColor(0xe0, 0x9a, 0x3e);
}

QColor chartRed()
{
    return QColor(0xd6, 0x45, 0x45);
}

} // namespace peanuts
