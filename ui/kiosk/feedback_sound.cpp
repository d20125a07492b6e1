#include "feedback_sound.h"

#include <cmath>
#include <cstdint>
#include <numbers>

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QBuffer>
#include <QMediaDevices>

#include "kiosk_settings.h"

namespace sango::kiosk {

namespace {

constexpr double kAmplitude = 0.3 * 32767.0;
constexpr int kFadeMs = 6;   // fade in and out: no click at the edges of a note
constexpr int kGapMs = 25;   // silence between the notes of a two-tone

void appendSample(QByteArray& out, double value)
{
    const auto s = static_cast<std::int16_t>(std::lround(value));
    const auto u = static_cast<std::uint16_t>(s);
    out.append(static_cast<char>(u & 0xFF)); // little-endian, as QAudioFormat::Int16 on every supported host
    out.append(static_cast<char>(u >> 8));
}

void appendNote(QByteArray& out, int hertz, int ms)
{
    const int count = FeedbackSound::kSampleRate * ms / 1000;
    const int fade = FeedbackSound::kSampleRate * kFadeMs / 1000;
    for (int i = 0; i < count; ++i) {
        double envelope = 1.0;
        if (i < fade)
            envelope = static_cast<double>(i) / fade;
        else if (count - i < fade)
            envelope = static_cast<double>(count - i) / fade;
        const double t = static_cast<double>(i) / FeedbackSound::kSampleRate;
        appendSample(out, kAmplitude * envelope * std::sin(2.0 * std::numbers::pi * hertz * t));
    }
}

void appendSilence(QByteArray& out, int ms)
{
    const int count = FeedbackSound::kSampleRate * ms / 1000;
    for (int i = 0; i < count; ++i)
        appendSample(out, 0.0);
}

} // namespace

FeedbackSound::FeedbackSound(const KioskSettings& settings, QObject* parent)
    : QObject(parent), m_settings(&settings)
{
}

FeedbackSound::~FeedbackSound()
{
    stop();
}

std::vector<FeedbackSound::Note> FeedbackSound::notes(ResultKind kind)
{
    switch (kind) {
    case ResultKind::none: return {};
    case ResultKind::opened: return {{660, 90}, {880, 140}};
    case ResultKind::closed: return {{880, 90}, {1320, 140}};
    case ResultKind::ignored: return {{660, 70}};
    case ResultKind::cancelled: return {{523, 120}};
    case ResultKind::warning: return {{660, 110}, {660, 110}};
    case ResultKind::refused: return {{220, 350}};
    }
    return {};
}

QByteArray FeedbackSound::pcm(ResultKind kind)
{
    QByteArray out;
    bool first = true;
    for (const Note& n : notes(kind)) {
        if (!first)
            appendSilence(out, kGapMs);
        appendNote(out, n.hertz, n.milliseconds);
        first = false;
    }
    return out;
}

void FeedbackSound::play(ResultKind kind)
{
    if (!m_settings->sound || kind == ResultKind::none)
        return;
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull())
        return;
    QAudioFormat format;
    format.setSampleRate(kSampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    if (!device.isFormatSupported(format))
        return;

    stop();
    m_buffer = new QBuffer(this);
    m_buffer->setData(pcm(kind));
    m_buffer->open(QIODevice::ReadOnly);
    m_sink = new QAudioSink(device, format, this);
    QAudioSink* sink = m_sink;
    connect(sink, &QAudioSink::stateChanged, this, [this, sink](QAudio::State state) {
        if (state == QAudio::IdleState && sink == m_sink)
            stop();
    });
    m_sink->start(m_buffer); // pull mode: the sink reads the buffer on its own; this returns at once
    ++m_played;
}

void FeedbackSound::stop()
{
    if (m_sink) {
        m_sink->disconnect(this);
        m_sink->stop();
        m_sink->deleteLater();
        m_sink = nullptr;
    }
    if (m_buffer) {
        m_buffer->deleteLater();
        m_buffer = nullptr;
    }
}

} // namespace sango::kiosk
