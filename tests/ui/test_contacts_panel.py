import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import select

from matchdesk.storage.models import AuditEntry, ContactMoment


def test_record_a_contact_and_see_what_to_ask(qtbot, db, today, make_candidate):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.ui.contacts_panel import ContactsPanel

    candidate_id = make_candidate()  # no language levels, hours or travel range known
    ctx = App(db=db, user="anouk", today=today, rulebooks=load_rulebooks())
    panel = ContactsPanel(ctx, candidate_id, "1000001")
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: "Vragen bij volgend contact" in panel.questions.text())  # loaded through an op
    assert [panel.kind.itemText(i) for i in range(panel.kind.count())] == ["Gesprek", "Telefoon", "E-mail", "Bezoek"]
    panel.kind.setCurrentIndex(1)
    panel.summary.setText("Kennismaking, wil in de logistiek")
    panel.plan_next.setChecked(True)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert panel.table.item(0, 2).text() == "anouk" and panel.summary.text() == ""
    assert panel.table.item(0, 1).text() == "Telefoon"  # the display name; "telefoon" is what is stored
    with db.reading() as session:
        moment = session.scalar(select(ContactMoment))
        audited = session.scalar(select(AuditEntry).where(AuditEntry.record_type == "contactmoment"))
    assert moment.next_contact == today + dt.timedelta(days=14) and audited.medewerker == "anouk"
    assert moment.kind == "telefoon"


def test_a_next_contact_before_this_one_is_refused(qtbot, db, today, make_candidate):
    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.ui.contacts_panel import ContactsPanel

    ctx = App(db=db, user="anouk", today=today, rulebooks=load_rulebooks())
    panel = ContactsPanel(ctx, make_candidate(), "1000001")
    qtbot.addWidget(panel)
    panel.plan_next.setChecked(True)
    panel.next.setDate(panel.date.date().addDays(-1))
    panel.summary.setText("Gebeld")
    assert panel.add()
    panel.ops.wait()
    assert "vóór" in panel.message.text() and panel.table.rowCount() == 0
    assert panel.summary.text() == "Gebeld" and panel.add_button.isEnabled()  # the input stays for a correction


def test_panel_texts_are_dutch_and_its_labels_have_buddies(qtbot, db, today, make_candidate):
    from PySide6.QtWidgets import QLabel

    from matchdesk.app import App
    from matchdesk.rules.rulebook import load_rulebooks
    from matchdesk.ui.contacts_panel import ContactsPanel

    ctx = App(db=db, user="anouk", today=today, rulebooks=load_rulebooks())
    panel = ContactsPanel(ctx, make_candidate(), "1000001")
    qtbot.addWidget(panel)
    assert panel.add_button.text() == "Contact &vastleggen"
    assert panel.table.horizontalHeaderItem(2).text() == "Medewerker"
    assert panel.summary.placeholderText() == "Kort verslag (geen medische details)"
    buddies = {label.text(): label.buddy() for label in panel.findChildren(QLabel) if label.buddy()}
    assert buddies == {"&Datum en soort:": panel.date, "Ve&rslag:": panel.summary}
