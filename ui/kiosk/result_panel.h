#pragma once
// The result of the last scan, large: a colour per kind (green started, blue recorded, grey repeated or
// cancelled, amber recorded-with-a-note, red refused), and never colour alone: a glyph and words too. The
// mother's text is big, the staff's line small. Accessible name and description carry the same words, and
// each new result is announced to assistive technology. Re-rendered in the new language on a language change.
#include <QColor>
#include <QFrame>
#include <QString>

#include "result_text.h"

class QLabel;
class QTimer;

namespace sango::kiosk {

class ResultPanel : public QFrame {
    Q_OBJECT
    Q_PROPERTY(QString kind READ kindName)
    Q_PROPERTY(QColor colour READ colour)
public:
    explicit ResultPanel(QWidget* parent = nullptr);

    // Shows a result; after a while untouched the panel returns to "ready" (the next mother should not read
    // the previous one's balance).
    void showResult(const ResultFacts& facts);
    void clear();

    const ResultFacts& facts() const { return m_facts; }
    ResultKind kind() const { return m_facts.kind; }
    QString kindName() const { return sango::kiosk::kindName(m_facts.kind); }
    QColor colour() const { return colourOf(m_facts.kind); }
    const ResultTexts& texts() const { return m_texts; }
    // Every line shown, top to bottom, joined by newlines.
    QString text() const;

    static QColor colourOf(ResultKind kind);
    // The kind in a word, for the glyph's accessible name ("Started", "Refused", ...).
    static QString kindWord(ResultKind kind);
    static constexpr int kResetAfterMs = 45000;

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();

    ResultFacts m_facts;
    ResultTexts m_texts;
    QLabel* m_glyph;
    QLabel* m_headline;
    QLabel* m_mother;
    QLabel* m_staff;
    QTimer* m_reset;
};

} // namespace sango::kiosk
