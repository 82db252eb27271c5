#include "widgets/hostsession/HostCopyForm.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>
#include <utility>

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
    int row = 0;
    grid->addWidget(
        new QLabel(direction == Direction::ToDevice ? tr("Destination:") : tr("Source:"), this),
        row, 0);
    grid->addWidget(m_target, row++, 1, 1, 4);
    if (direction == Direction::ToDevice) {
        m_shape = new QComboBox(this);
        m_shape->setObjectName(QStringLiteral("shape"));
        m_shape->addItem(tr("Box (memcpy_h2d)"), int(hostdata::CopyShape::Box));
        m_shape->addItem(tr("Row broadcast (memcpy_h2d_rowbcast)"),
                         int(hostdata::CopyShape::RowBroadcast));
        m_shape->addItem(tr("Column broadcast (memcpy_h2d_colbcast)"),
                         int(hostdata::CopyShape::ColBroadcast));
        m_shape->addItem(tr("Strided (memcpy_h2d_stride)"), int(hostdata::CopyShape::Strided));
        m_shape->setToolTip(shapeHelp());
        m_strideLabel = new QLabel(tr("Row, column stride:"), this);
        // 0 is allowed in the fields so a bad stride is reported by name, not clamped.
        m_rowStride = spinBox(QStringLiteral("rowStride"), 0, this);
        m_colStride = spinBox(QStringLiteral("colStride"), 0, this);
        m_rowStride->setValue(1);
        m_colStride->setValue(1);
        m_rowStride->setToolTip(tr("row_stride: every row_stride-th row of the ROI receives a "
                                   "block, from its first row"));
        m_colStride->setToolTip(tr("col_stride: every col_stride-th column of the ROI receives "
                                   "a block, from its first column"));
        grid->addWidget(new QLabel(tr("Shape:"), this), row, 0);
        grid->addWidget(m_shape, row++, 1, 1, 4);
        grid->addWidget(m_strideLabel, row, 0);
        auto* strides = new QHBoxLayout;
        strides->addWidget(m_rowStride);
        strides->addWidget(m_colStride);
        strides->addStretch(1);
        grid->addLayout(strides, row++, 1, 1, 4);
    }
    grid->addWidget(new QLabel(tr("ROI x, y:"), this), row, 0);
    grid->addWidget(m_x, row, 1);
    grid->addWidget(m_y, row, 2);
    grid->addWidget(new QLabel(tr("w × h:"), this), row, 3, Qt::AlignRight);
    auto* size = new QHBoxLayout;
    size->addWidget(m_w);
    size->addWidget(m_h);
    grid->addLayout(size, row++, 4);
    grid->addWidget(new QLabel(tr("Elements per PE:"), this), row, 0);
    grid->addWidget(m_elements, row, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Type:"), this), row, 3, Qt::AlignRight);
    grid->addWidget(m_type, row++, 4);
    grid->addWidget(new QLabel(tr("Data type:"), this), row, 0);
    grid->addWidget(m_bits, row, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Order:"), this), row, 3, Qt::AlignRight);
    grid->addWidget(m_order, row++, 4);
    if (direction == Direction::ToDevice) {
        m_hostArray = new QLabel(this);
        m_hostArray->setObjectName(QStringLiteral("hostArray"));
        m_hostArray->setWordWrap(true);
        m_hostArray->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(m_hostArray, row++, 0, 1, 5);
    }
    grid->setColumnStretch(4, 1);

    connect(m_target, &QComboBox::currentIndexChanged, this, &HostCopyForm::targetChanged);
    connect(m_type, &QComboBox::currentIndexChanged, this, &HostCopyForm::typeChanged);
    for (QSpinBox* box : {m_x, m_y, m_w, m_h, m_elements, m_rowStride, m_colStride})
        if (box)
            connect(box, &QSpinBox::valueChanged, this, &HostCopyForm::changed);
    for (QComboBox* box : {m_type, m_bits, m_order})
        connect(box, &QComboBox::currentIndexChanged, this, &HostCopyForm::changed);
    if (m_shape) {
        connect(m_shape, &QComboBox::currentIndexChanged, this, &HostCopyForm::shapeChanged);
        connect(this, &HostCopyForm::changed, this, &HostCopyForm::updateHostArray);
        shapeChanged();
    }
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
    if (m_shape) {
        // Streaming sends wavelets to a color: the client's broadcast and strided calls
        // have no streaming mode, so a color takes box copies only.
        const bool streaming = key.startsWith(QLatin1Char('#'));
        if (streaming)
            setShape(hostdata::CopyShape::Box);
        m_shape->setEnabled(!streaming);
        m_shape->setToolTip(streaming ? tr("A streaming color takes box copies only: broadcast "
                                           "and strided copies write an exported variable.")
                                      : shapeHelp());
    }
    emit changed();
}

QString HostCopyForm::shapeHelp() {
    return tr("Box: one block per PE. Row broadcast: one block per row of PEs, sent to every PE "
              "of the row. Column broadcast: one block per column. Strided: one block per PE "
              "on every row stride-th row and column stride-th column of the ROI.");
}

void HostCopyForm::shapeChanged() {
    const auto shape = hostdata::CopyShape(m_shape->currentData().toInt());
    const bool strided = shape == hostdata::CopyShape::Strided;
    m_strideLabel->setVisible(strided);
    m_rowStride->setVisible(strided);
    m_colStride->setVisible(strided);
    // The client's memcpy_h2d_rowbcast, _colbcast and _stride send ROW_MAJOR; the panel
    // converts its data to the wire order, so the PEs receive the same values either way.
    const bool box = shape == hostdata::CopyShape::Box;
    if (box != m_orderIsBoxOrder) {
        if (!box)
            m_colMajorForBox = m_order->currentData().toBool();
        m_order->setCurrentIndex(m_order->findData(box && m_colMajorForBox));
        m_order->setEnabled(box);
        m_orderIsBoxOrder = box;
    }
    m_order->setToolTip(box ? tr("memcpy order on the wire; the panel's data is always (h, w, "
                                 "elements) PE by PE")
                            : tr("Broadcast and strided copies travel ROW_MAJOR; the PEs "
                                 "receive the same values in either order."));
    emit changed();
}

HostCopyRequest HostCopyForm::fields() const {
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
    if (m_shape)
        r.shape = hostdata::CopyShape(m_shape->currentData().toInt());
    r.colMajor = r.shape == hostdata::CopyShape::Box && m_order->currentData().toBool();
    if (r.shape == hostdata::CopyShape::Strided) {
        r.rowStride = m_rowStride->value();
        r.colStride = m_colStride->value();
    }
    return r;
}

QString HostCopyForm::geometryError(const HostCopyRequest& r) {
    try {
        r.block();
        return {};
    } catch (const hostdata::Error& e) {
        // hostBlock names the argument; the message starts with the field that holds it,
        // checked in hostBlock's order.
        const std::pair<int, QString> checks[] = {{r.w, tr("w")},
                                                  {r.h, tr("h")},
                                                  {r.elements, tr("Elements per PE")},
                                                  {r.rowStride, tr("Row stride")},
                                                  {r.colStride, tr("Column stride")}};
        QString field;
        for (const auto& [value, label] : checks)
            if (field.isEmpty() && value <= 0)
                field = label;
        return tr("%1: %2.").arg(field, QString::fromStdString(e.what()));
    }
}

void HostCopyForm::updateHostArray() {
    const HostCopyRequest r = fields();
    if (const QString why = geometryError(r); !why.isEmpty()) {
        m_hostArray->setText(why);
        m_hostArray->setToolTip(QString());
        // The editor's error red (EditorDiagnostics), as the panel's log uses.
        m_hostArray->setStyleSheet(QStringLiteral("color: #d02020"));
        return;
    }
    m_hostArray->setText(tessera::hostArrayText(r));
    m_hostArray->setToolTip(tr("Give as many values, in this order: an expression, a CSV file, "
                               "or a .npy file of shape %1.")
                                .arg(npyShapesText(r)));
    m_hostArray->setStyleSheet(QString());
}

QString HostCopyForm::hostArrayText() const {
    return m_hostArray ? m_hostArray->text() : QString();
}

std::optional<size_t> HostCopyForm::hostValueCount() const {
    try {
        return fields().block().size();
    } catch (const hostdata::Error&) {
        return std::nullopt;
    }
}

void HostCopyForm::setShape(hostdata::CopyShape shape) {
    if (m_shape)
        m_shape->setCurrentIndex(m_shape->findData(int(shape)));
}

void HostCopyForm::setStrides(int rowStride, int colStride) {
    if (!m_rowStride)
        return;
    m_rowStride->setValue(rowStride);
    m_colStride->setValue(colStride);
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
    if (m_orderIsBoxOrder)
        m_order->setCurrentIndex(m_order->findData(colMajor));
    else
        m_colMajorForBox = colMajor; // for when the shape is a box again
}

std::optional<HostCopyRequest> HostCopyForm::request(QString* error) const {
    if (m_target->currentIndex() < 0) {
        *error = m_direction == Direction::ToDevice
                     ? tr("The program exports no variable the host may write and no "
                          "streaming color.")
                     : tr("The program exports no variable and no streaming color.");
        return std::nullopt;
    }
    HostCopyRequest r = fields();
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
    if (r.streaming && r.shape != hostdata::CopyShape::Box) {
        *error = tr("Shape: a %1 copy writes an exported variable; streaming color %2 takes "
                    "box copies only.")
                     .arg(shapeName(r.shape))
                     .arg(r.color);
        return std::nullopt;
    }
    if (const QString why = geometryError(r); !why.isEmpty()) {
        *error = why;
        return std::nullopt;
    }
    return r;
}

} // namespace tessera
