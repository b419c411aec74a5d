#include "sqlhighlighter.h"

#include <QColor>
#include <QFont>

namespace backstep::ui {

SqlHighlighter::SqlHighlighter(QTextDocument* parent)
    : QSyntaxHighlighter(parent)
    , m_keywords(QStringLiteral(
                     "\\b(ADD|ALTER|AND|AS|BEGIN|BY|CASCADE|CHECK|COLUMN|COMMIT|CONSTRAINT|CREATE|DEFAULT|DELETE|DROP|"
                     "EXISTS|FOREIGN|FROM|IF|INDEX|INSERT|INTO|IS|KEY|NOT|NULL|ON|OR|PRIMARY|REFERENCES|RENAME|"
                     "SELECT|SET|TABLE|TO|TYPE|UNIQUE|UPDATE|USING|VALUES|VIEW|WHERE|WITH)\\b"),
          QRegularExpression::CaseInsensitiveOption)
    , m_strings(QStringLiteral("'(?:[^']|'')*'"))
    , m_comments(QStringLiteral("--[^\\n]*"))
{
    m_keywordFormat.setForeground(QColor(0x6a, 0x1b, 0x9a));
    m_keywordFormat.setFontWeight(QFont::Bold);
    m_stringFormat.setForeground(QColor(0x1b, 0x5e, 0x20));
    m_commentFormat.setForeground(QColor(0x61, 0x61, 0x61));
    m_commentFormat.setFontItalic(true);
}

void SqlHighlighter::highlightBlock(const QString& text)
{
    // Later formats win: a keyword inside a string or a comment is not a keyword.
    applyFormat(text, m_keywords, m_keywordFormat);
    applyFormat(text, m_strings, m_stringFormat);
    applyFormat(text, m_comments, m_commentFormat);
}

void SqlHighlighter::applyFormat(const QString& text, const QRegularExpression& pattern, const QTextCharFormat& format)
{
    QRegularExpressionMatchIterator matches = pattern.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        setFormat(int(match.capturedStart()), int(match.capturedLength()), format);
    }
}

} // namespace backstep::ui
