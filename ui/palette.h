// The window's few fixed colours, each defined once: the error red and the outcome tones.
#pragma once

#include "ingest/delivery.h"
#include "json/jsondiff.h"

#include <QColor>
#include <QString>

class QPalette;

namespace peanuts {

// Errors and refusals: text on the window's background, and the rejected chip's background.
QColor errorColor();
// For style sheets and rich text: "#c62828".
QString errorColorName();

// The charts' series: money, counts, refusals.
QColor chartBlue();
QColor chartAmber();
QColor chartRed();

// Behind white text: the outcome chip.
QString toneBackground(OutcomeTone tone);
// As text on a view's base: darker on light palettes, lighter on dark ones.
QString toneText(OutcomeTone tone, const QPalette &palette);

// The diff's change kinds: added green, removed red, changed amber, the same in the palette's own text
// colour; as text on a view's base, and as a faint tint behind a row (invalid for the same).
QColor diffText(JsonChange::Kind kind, const QPalette &palette);
QColor diffTint(JsonChange::Kind kind, const QPalette &palette);

} // namespace peanuts
