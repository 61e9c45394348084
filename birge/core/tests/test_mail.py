"""E-mail leaves through a task; one test proves the SMTP settings against a real server on 127.0.0.1."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core import mail
from django.core.mail import EmailMultiAlternatives, get_connection, send_mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from birge.core.emails import message_from_dict, message_to_dict
from birge.core.events import Verb
from birge.core.mail import TaskEmailBackend
from birge.core.models import Event, FailingAddress
from birge.core.notifications.reads import failing_address


def test_a_message_survives_the_trip_through_the_task_queue():
    original = EmailMultiAlternatives(
        "Тема",
        "Текст",
        "from@birge.test",
        ["to@example.org"],
        cc=["cc@example.org"],
        headers={"X-Birge": "1"},
    )
    original.attach_alternative("<p>Текст</p>", "text/html")
    copy = message_from_dict(message_to_dict(original))
    assert (copy.subject, copy.body, copy.to, copy.cc) == (
        "Тема",
        "Текст",
        ["to@example.org"],
        ["cc@example.org"],
    )
    assert copy.alternatives[0][0] == "<p>Текст</p>" and copy.extra_headers == {"X-Birge": "1"}


def test_send_mail_goes_through_the_task_backend_to_the_delivery_backend(settings):
    assert settings.EMAIL_BACKEND == "birge.core.mail.TaskEmailBackend"
    send_mail("Привет", "Сообщение", "noreply@birge.test", ["alice@example.org"])
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Привет"


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


def test_smtp_settings_deliver_to_a_real_server(settings, smtp_server):
    controller, inbox = smtp_server
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.BIRGE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    sent = TaskEmailBackend().send_messages(
        [
            EmailMultiAlternatives(
                "Подтвердите адрес", "Код: 123456", "noreply@birge.test", ["alice@example.org"]
            )
        ]
    )
    assert sent == 1
    deadline = time.monotonic() + 5
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(inbox.messages) == 1
    received = inbox.messages[0]
    assert received["To"] == "alice@example.org"
    assert "123456" in received.get_payload(decode=True).decode()


def test_smtp_failure_is_reported_not_swallowed(settings):
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens there
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend", fail_silently=False)
    with pytest.raises(OSError):
        connection.open()


class FlakyInbox(Inbox):
    """A mail server that answers `code` to the first `failures` messages, then accepts."""

    def __init__(self, failures: int, code: int = 451):
        super().__init__()
        self.failures, self.code, self.attempts = failures, code, 0

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts <= self.failures:
            return f"{self.code} not now"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def flaky_smtp(settings):
    servers = []

    def start(failures: int, code: int = 451) -> FlakyInbox:
        inbox = FlakyInbox(failures, code)
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.BIRGE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        return inbox

    yield start
    for controller in servers:
        controller.stop()


def _send_one() -> None:
    send_mail("Приглашение", "Секретный текст письма", "noreply@birge.test", ["alice@example.org"])


def _failures():
    return list(Event.objects.filter(verb=Verb.EMAIL_FAILED))


def test_a_temporary_smtp_failure_is_tried_again_and_the_message_delivered(db, flaky_smtp):
    inbox = flaky_smtp(failures=2)
    _send_one()
    assert inbox.attempts == 3 and len(inbox.messages) == 1
    assert _failures() == []


def test_an_email_that_keeps_failing_is_tried_a_bounded_number_of_times_then_shown_to_the_admin(
    db, settings, flaky_smtp
):
    inbox = flaky_smtp(failures=100)
    _send_one()
    assert inbox.attempts == len(settings.BIRGE_EMAIL_RETRY_DELAYS) + 1 == 4
    [event] = _failures()
    assert event.actor is None
    assert event.new == {"recipients": 1, "error": "smtplib.SMTPDataError", "code": 451, "attempts": 4}
    assert "alice" not in str(event.new) and "Секрет" not in str(event.new)


def test_a_permanent_refusal_is_not_tried_again(db, flaky_smtp):
    inbox = flaky_smtp(failures=100, code=550)
    _send_one()
    assert inbox.attempts == 1
    assert [event.new["attempts"] for event in _failures()] == [1]


def test_with_the_database_backend_attempts_wait_and_the_admin_lists_the_failures(
    transactional_db, settings, flaky_smtp, client, site_admin
):
    """The worker commits and closes connections, as in production: hence a transactional test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.BIRGE_EMAIL_RETRY_DELAYS = [60, 600]
    inbox = flaky_smtp(failures=100)
    _send_one()
    worker = ["db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0"]
    call_command(*worker, verbosity=0)

    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"][1] == 2  # the second attempt
    assert 55 <= (retry.run_after - timezone.now()).total_seconds() <= 60
    call_command(*worker, verbosity=0)
    assert inbox.attempts == 1  # not before its time

    while DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now()):
        call_command(*worker, verbosity=0)
    assert inbox.attempts == 3
    assert DBTaskResult.objects.filter(status="FAILED").count() == 3
    assert [event.new["attempts"] for event in _failures()] == [3]

    client.force_login(site_admin)
    attempts = client.get("/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED")
    assert attempts.status_code == 200
    assert attempts.content.decode().count("deliver_email") == 3
    log = client.get("/admin/core/event/?verb__exact=site.email_failed", HTTP_ACCEPT_LANGUAGE="en")
    assert log.status_code == 200 and str(Verb.EMAIL_FAILED.label) in log.content.decode()


def test_a_message_that_can_never_be_sent_is_recorded_at_once_not_dropped_silently(db):
    send_mail("Приглашение в «Арго»\r\nBcc: everyone@example.org", "Текст", None, ["alice@example.org"])
    assert mail.outbox == []
    [event] = _failures()
    error = "django.core.mail.message.BadHeaderError"
    assert event.new == {"recipients": 1, "error": error, "code": None, "attempts": 1}


class RefusingInbox(Message):
    """A server that knows no such mailbox: it refuses the recipient (RCPT TO) for good."""

    def handle_message(self, message):  # never reached
        raise AssertionError("a refused recipient's message was accepted")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such mailbox"


def test_an_address_the_server_refuses_for_good_is_marked_failing(db, settings, alice):
    controller = Controller(RefusingInbox(), hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.BIRGE_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        # The task fails (the immediate backend keeps its error as the task's result) and says why.
        send_mail("Тема", "Текст", "noreply@birge.test", [alice.email.upper()])
    finally:
        controller.stop()
    failing = FailingAddress.objects.get()
    assert failing.email == alice.email.lower() and failing.reason.startswith("550")
    assert Event.objects.filter(verb=Verb.EMAIL_BOUNCED).count() == 1
    assert "alice" not in str(Event.objects.get(verb=Verb.EMAIL_BOUNCED).new)
    assert "550" in str(failing_address(alice).reason)
