"""The two layout helpers of issue 15 item 5: the flow layout wraps instead of squeezing, and ``scrollable``
scrolls instead of clipping (and only when the contents do not fit)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QComboBox, QDialog, QPushButton, QVBoxLayout, QWidget


def test_the_flow_layout_wraps_and_keeps_every_item_at_its_size(qtbot):
    from matchdesk.ui.flow_layout import FlowLayout

    holder = QWidget()
    qtbot.addWidget(holder)
    bar = FlowLayout(holder)
    boxes = []
    for name in ("Doelgroep: alle", "Categorie: alle", "Gemeente: alle", "Taaleis: alle"):
        box = QComboBox()
        box.addItem(name)
        bar.addWidget(box)
        boxes.append(box)
    bar.addStretch(1)  # a QBoxLayout habit of build_filters: harmless here
    widest = max(b.sizeHint().width() for b in boxes)
    margins = bar.contentsMargins()
    assert bar.minimumSize().width() <= widest + margins.left() + margins.right()
    width = widest + margins.left() + margins.right() + 10
    one_row, narrow = bar.heightForWidth(2000), bar.heightForWidth(width)
    assert narrow > 2 * one_row  # four rows instead of one
    holder.resize(width, narrow)
    holder.show()
    qtbot.waitExposed(holder)
    assert len({b.mapTo(holder, QPoint(0, 0)).y() for b in boxes}) == 4
    assert [b.width() for b in boxes] == [b.sizeHint().width() for b in boxes]
    assert all(b.geometry().right() < holder.width() for b in boxes), [b.geometry() for b in boxes]


def test_scrollable_scrolls_only_when_the_contents_do_not_fit(qtbot):
    from matchdesk.ui.scroll import scrollable

    contents = QWidget()
    layout = QVBoxLayout(contents)
    buttons = [QPushButton(f"Knop {i}") for i in range(12)]
    for button in buttons:
        button.setMinimumHeight(40)
        layout.addWidget(button)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    area = scrollable(contents)
    QVBoxLayout(dialog).addWidget(area)
    dialog.resize(400, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: contents.height() == area.viewport().height() == 900 - 2 * 11
                    and not area.verticalScrollBar().isVisible())
    dialog.resize(400, 200)  # a small screen: the dialog scrolls, no button is squeezed or cut off
    qtbot.waitUntil(area.verticalScrollBar().isVisible)
    assert contents.height() >= contents.minimumSizeHint().height()
    assert all(button.height() >= 40 for button in buttons)
    area.ensureWidgetVisible(buttons[-1])
    assert area.verticalScrollBar().value() > 0
