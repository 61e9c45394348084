"""E-mail leaves through a task; one test proves the SMTP settings against a real server on 127.0.0.1."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core import mail
from django.core.mail import EmailMultiAlternatives, get_connection, send_mail

from birge.core.emails import message_from_dict, message_to_dict
from birge.core.mail import TaskEmailBackend


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
