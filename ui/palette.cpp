// The fixed colours: chosen to read on both the light and the dark palettes the app follows.
#include "palette.h"

#include <QPalette>

#include <optional>

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

namespace {

std::optional<OutcomeTone> diffTone(JsonChange::Kind kind)
{
    switch (kind) {
    case JsonChange::Kind::Added:
        return OutcomeTone::Good;
    case JsonChange::Kind::Removed:
        return OutcomeTone::Bad;
    case JsonChange::Kind::Changed:
        return OutcomeTone::Warning;
    case JsonChange::Kind::Same:
        break;
    }
    return std::nullopt;
}

} // namespace

QColor diffText(JsonChange::Kind kind, const QPalette &palette)
{
    const std::optional<OutcomeTone> tone = diffTone(kind);
    return tone ? QColor(toneText(*tone, palette)) : palette.color(QPalette::Text);
}

QColor diffTint(JsonChange::Kind kind, const QPalette &palette)
{
    const std::optional<OutcomeTone> tone = diffTone(kind);
    if (!tone)
        return QColor();
    // The tone over the base, faint enough to keep the text's contrast on light and dark palettes.
    QColor tint(toneBackground(*tone));
    tint.setAlpha(palette.color(QPalette::Base).lightness() >= 128 ? 28 : 60);
    return tint;
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
