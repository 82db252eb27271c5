#include "widgets/hostsession/HostCopyForm.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>

namespace tessera {

namespace {

constexpr hostdata::ElementType kTypes[] = {hostdata::ElementType::F32, hostdata::ElementType::I32,
                                            hostdata::ElementType::U32, hostdata::ElementType::F16,
                                            hostdata::ElementType::I16, hostdata::ElementType::U16};

QSpinBox* spinBox(const QString& name, int minimum, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(minimum, 1 << 20);
    box->setAccelerated(true);
    return box;
}

// Item data of the target combo: a symbol name, or "#<color>" for a streaming color.
QString colorKey(int color) {
    return QStringLiteral("#%1").arg(color);
}

} // namespace

HostCopyForm::HostCopyForm(Direction direction, QWidget* parent)
    : QWidget(parent), m_direction(direction), m_target(new QComboBox(this)),
      m_x(spinBox(QStringLiteral("x"), 0, this)), m_y(spinBox(QStringLiteral("y"), 0, this)),
      m_w(spinBox(QStringLiteral("w"), 1, this)), m_h(spinBox(QStringLiteral("h"), 1, this)),
      m_elements(spinBox(QStringLiteral("elements"), 1, this)), m_type(new QComboBox(this)),
      m_bits(new QComboBox(this)), m_order(new QComboBox(this)) {
    m_target->setObjectName(QStringLiteral("target"));
    m_type->setObjectName(QStringLiteral("elementType"));
    m_bits->setObjectName(QStringLiteral("dataType"));
    m_order->setObjectName(QStringLiteral("order"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (hostdata::ElementType t : kTypes)
        m_type->addItem(QString::fromLatin1(hostdata::typeName(t).data()), int(t));
    m_bits->addItem(tr("MEMCPY_32BIT"), 32);
    m_bits->addItem(tr("MEMCPY_16BIT"), 16);
    m_order->addItem(QStringLiteral("ROW_MAJOR"), false);
    m_order->addItem(QStringLiteral("COL_MAJOR"), true);
    m_target->setToolTip(direction == Direction::ToDevice
                             ? tr("An exported variable (mutable from the host) or a streaming "
                                  "color (MEMCPYH2D_*)")
                             : tr("An exported variable or a streaming color (MEMCPYD2H_*)"));
    m_elements->setToolTip(tr("elem_per_pe: values each PE of the ROI sends or receives"));
    m_type->setToolTip(tr("How the values are read and shown; also the .npy dtype on save"));
    m_bits->setToolTip(tr("memcpy data_type: 16-bit data travels zero-extended in 32-bit words"));
    m_order->setToolTip(tr("memcpy order on the wire; the panel's data is always (h, w, "
                           "elements) PE by PE"));

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(
        new QLabel(direction == Direction::ToDevice ? tr("Destination:") : tr("Source:"), this), 0,
        0);
    grid->addWidget(m_target, 0, 1, 1, 4);
    grid->addWidget(new QLabel(tr("ROI x, y:"), this), 1, 0);
    grid->addWidget(m_x, 1, 1);
    grid->addWidget(m_y, 1, 2);
    grid->addWidget(new QLabel(tr("w × h:"), this), 1, 3, Qt::AlignRight);
    auto* size = new QHBoxLayout;
    size->addWidget(m_w);
    size->addWidget(m_h);
    grid->addLayout(size, 1, 4);
    grid->addWidget(new QLabel(tr("Elements per PE:"), this), 2, 0);
    grid->addWidget(m_elements, 2, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Type:"), this), 2, 3, Qt::AlignRight);
    grid->addWidget(m_type, 2, 4);
    grid->addWidget(new QLabel(tr("Data type:"), this), 3, 0);
    grid->addWidget(m_bits, 3, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Order:"), this), 3, 3, Qt::AlignRight);
    grid->addWidget(m_order, 3, 4);
    grid->setColumnStretch(4, 1);

    connect(m_target, &QComboBox::currentIndexChanged, this, &HostCopyForm::targetChanged);
    connect(m_type, &QComboBox::currentIndexChanged, this, &HostCopyForm::typeChanged);
}

void HostCopyForm::setProgram(const HostProgramInfo& info) {
    m_info = info;
    m_target->clear();
    for (const HostSymbolInfo& s : info.symbols) {
        if (s.function)
            continue;
        if (m_direction == Direction::ToDevice && !s.writable)
            continue; // exported immutable: memcpy_h2d refuses it
        m_target->addItem(tr("%1 (%2)").arg(s.name, s.type), s.name);
    }
    for (int c : m_direction == Direction::ToDevice ? info.h2dColors : info.d2hColors)
        m_target->addItem(tr("streaming, color %1").arg(c), colorKey(c));
    const int width = std::max(1, info.width), height = std::max(1, info.height);
    m_x->setRange(0, width - 1);
    m_y->setRange(0, height - 1);
    m_w->setRange(1, width);
    m_h->setRange(1, height);
    m_x->setValue(0);
    m_y->setValue(0);
    m_w->setValue(width);
    m_h->setValue(height);
    targetChanged();
}

void HostCopyForm::targetChanged() {
    const QString key = m_target->currentData().toString();
    for (const HostSymbolInfo& s : std::as_const(m_info.symbols))
        if (!s.function && s.name == key)
            if (const auto t = hostdata::parseType(s.type.toStdString()))
                setElementType(*t);
}

void HostCopyForm::typeChanged() {
    const auto type = hostdata::ElementType(m_type->currentData().toInt());
    m_bits->setCurrentIndex(m_bits->findData(hostdata::typeBits(type)));
}

bool HostCopyForm::selectTarget(const QString& symbolOrColor) {
    int i = m_target->findData(symbolOrColor);
    if (i < 0)
        i = m_target->findData(QStringLiteral("#") + symbolOrColor);
    if (i >= 0)
        m_target->setCurrentIndex(i);
    return i >= 0;
}

void HostCopyForm::setRoi(int x, int y, int w, int h) {
    m_x->setValue(x);
    m_y->setValue(y);
    m_w->setValue(w);
    m_h->setValue(h);
}

void HostCopyForm::setElements(int elements) {
    m_elements->setValue(elements);
}

void HostCopyForm::setElementType(hostdata::ElementType type) {
    m_type->setCurrentIndex(m_type->findData(int(type)));
}

void HostCopyForm::setColMajor(bool colMajor) {
    m_order->setCurrentIndex(m_order->findData(colMajor));
}

std::optional<HostCopyRequest> HostCopyForm::request(QString* error) const {
    if (m_target->currentIndex() < 0) {
        *error = m_direction == Direction::ToDevice
                     ? tr("The program exports no variable the host may write and no "
                          "streaming color.")
                     : tr("The program exports no variable and no streaming color.");
        return std::nullopt;
    }
    HostCopyRequest r;
    const QString key = m_target->currentData().toString();
    if (key.startsWith(QLatin1Char('#'))) {
        r.streaming = true;
        r.color = key.mid(1).toInt();
    } else {
        r.symbol = key;
    }
    r.x = m_x->value();
    r.y = m_y->value();
    r.w = m_w->value();
    r.h = m_h->value();
    r.elements = m_elements->value();
    r.type = hostdata::ElementType(m_type->currentData().toInt());
    r.bits16 = m_bits->currentData().toInt() == 16;
    r.colMajor = m_order->currentData().toBool();
    if (r.x + r.w > m_info.width || r.y + r.h > m_info.height) {
        *error = tr("ROI (x %1, y %2, w %3, h %4) lies outside the %5×%6 program rectangle.")
                     .arg(r.x)
                     .arg(r.y)
                     .arg(r.w)
                     .arg(r.h)
                     .arg(m_info.width)
                     .arg(m_info.height);
        return std::nullopt;
    }
    if (r.bits16 != (hostdata::typeBits(r.type) == 16)) {
        *error =
            tr("Data type %1 does not fit element type %2: choose a %3-bit type (%4) or "
               "%5.")
                .arg(m_bits->currentText(), QString::fromLatin1(hostdata::typeName(r.type).data()))
                .arg(r.bits16 ? 16 : 32)
                .arg(r.bits16 ? QStringLiteral("f16, i16, u16") : QStringLiteral("f32, i32, u32"))
                .arg(r.bits16 ? tr("MEMCPY_32BIT") : tr("MEMCPY_16BIT"));
        return std::nullopt;
    }
    return r;
}

} // namespace tessera
