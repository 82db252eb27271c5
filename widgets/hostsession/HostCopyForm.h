#pragma once

#include "widgets/hostsession/HostSessionTypes.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QSpinBox;

namespace tessera {

// The memcpy controls H2D and D2H share: target (an exported variable or a streaming
// color), ROI, elements per PE, element type, 16/32-bit data type and order.
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
    // elementType, dataType, order).
    bool selectTarget(const QString& symbolOrColor);
    void setRoi(int x, int y, int w, int h);
    void setElements(int elements);
    void setElementType(hostdata::ElementType type);
    void setColMajor(bool colMajor);

  private:
    void targetChanged();
    void typeChanged();

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
};

} // namespace tessera
