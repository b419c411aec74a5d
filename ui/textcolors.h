#pragma once

#include <QColor>
#include <QPalette>

namespace backstep::ui {

// Text colours for "breaking" and "caution" that keep their contrast on the palette in
// use: dark red and brown on a light base, light red and amber on a dark one (the
// light-theme colours are unreadable on a dark table).
class TextColors
{
public:
    static bool isDark(const QPalette& palette)
    {
        return palette.color(QPalette::Base).lightness() < 128;
    }
    static QColor breaking(const QPalette& palette)
    {
        return isDark(palette) ? QColor(0xff, 0x7b, 0x7b) : QColor(0xb0, 0x1c, 0x24);
    }
    static QColor caution(const QPalette& palette)
    {
        return isDark(palette) ? QColor(0xf2, 0xb8, 0x4b) : QColor(0x8a, 0x5a, 0x00);
    }
};

} // namespace backstep::ui
