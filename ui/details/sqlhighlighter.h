#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace backstep::ui {

// Just enough SQL highlighting to read a migration at a glance: keywords, string
// literals and line comments. Not a parser; a keyword inside an identifier such as
// "created_at" is left alone by the word boundaries.
class SqlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit SqlHighlighter(QTextDocument* parent);

protected:
    void highlightBlock(const QString& text) override;

private:
    void applyFormat(const QString& text, const QRegularExpression& pattern, const QTextCharFormat& format);

    QRegularExpression m_keywords;
    QRegularExpression m_strings;
    QRegularExpression m_comments;
    QTextCharFormat m_keywordFormat;
    QTextCharFormat m_stringFormat;
    QTextCharFormat m_commentFormat;
};

} // namespace backstep::ui
