#pragma once

#include "widgets/hostsession/HostSessionTypes.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QSpinBox;

namespace tessera {

// The memcpy controls H2D and D2H share: target (an exported variable or a streaming
// color), ROI, elements per PE, element type, 16/32-bit data type and order. H2D also has
// the copy's shape (box, row broadcast, column broadcast, strided with its row and column
// strides) and a line saying what host array that shape reads.
class HostCopyForm : public QWidget {
    Q_OBJECT
  public:
    enum class Direction { ToDevice, FromDevice };
    HostCopyForm(Direction direction, QWidget* parent = nullptr);

    void setProgram(const HostProgramInfo& info);
    // The request the fields describe, or nullopt with the reason in *error (naming the
    // field). Source fields stay default (H2D fills them).
    std::optional<HostCopyRequest> request(QString* error) const;

    // Test and script access to the fields (object names: target, x, y, w, h, elements,
    // elementType, dataType, order; H2D also shape, rowStride, colStride, hostArray).
    bool selectTarget(const QString& symbolOrColor);
    void setRoi(int x, int y, int w, int h);
    void setElements(int elements);
    void setElementType(hostdata::ElementType type);
    void setColMajor(bool colMajor);
    // H2D only. Strides may be set to 0: request() then names the field at fault.
    void setShape(hostdata::CopyShape shape);
    void setStrides(int rowStride, int colStride);
    // The host array line as shown (H2D; empty for D2H).
    QString hostArrayText() const;
    // How many values the copy the fields describe reads or writes; nullopt while a field
    // is not positive.
    std::optional<size_t> hostValueCount() const;

  signals:
    // A field changed: the host array the copy reads may have changed.
    void changed();

  private:
    void targetChanged();
    void typeChanged();
    void shapeChanged();
    static QString shapeHelp();
    // Empty, or why hostdata::hostBlock refuses the request, starting with the field.
    static QString geometryError(const HostCopyRequest& request);
    void updateHostArray();
    // The request of the fields, unchecked.
    HostCopyRequest fields() const;

    Direction m_direction;
    HostProgramInfo m_info;
    QComboBox* m_target;
    QSpinBox* m_x;
    QSpinBox* m_y;
    QSpinBox* m_w;
    QSpinBox* m_h;
    QSpinBox* m_elements;
    QComboBox* m_type;
    QComboBox* m_bits;
    QComboBox* m_order;
    // H2D only (null for D2H).
    QComboBox* m_shape = nullptr;
    QLabel* m_strideLabel = nullptr;
    QSpinBox* m_rowStride = nullptr;
    QSpinBox* m_colStride = nullptr;
    QLabel* m_hostArray = nullptr;
    // Other shapes show ROW_MAJOR (disabled); the box's own order waits for its return.
    bool m_orderIsBoxOrder = true;
    bool m_colMajorForBox = false;
};

} // namespace tessera
