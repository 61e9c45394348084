"""The template a network's first charter starts from: a text for each section, written for a network of
civil society organizations of Central Asia, with [brackets] where the network puts its own words.

Some members work where civic space is closed: the template's membership rules and communication policy say
from the start what is never published and how members keep each other safe."""

from django.utils.translation import gettext as _

from birge.networks.networks.models import Network


def starter_texts(network: Network) -> dict[str, str]:
    """The template's text of each section, in the language of the page."""
    said = {"network": network.name}
    return {
        "purpose": _(
            "%(network)s brings together civil society organizations of Central Asia working on [our theme]. "
            "It exists so that its members know each other's work, speak with one voice where they agree, "
            "and stand by each other, above all members who work under pressure."
        )
        % said,
        "goals": "\n".join(
            (
                _("1. Members know about each other's work and do not duplicate it."),
                _(
                    "2. Members prepare joint positions on [our theme] and bring them to governments and "
                    "international bodies."
                ),
                _("3. A member under pressure gets quick solidarity and practical help from the others."),
                _("4. Members strengthen each other's skills by sharing their experience."),
            )
        ),
        "objectives": "\n".join(
            (
                _("By [date]:"),
                _("– hold at least two meetings of all members a year, online or in person;"),
                _("– publish [number] joint statements or policy briefs;"),
                _("– map what member organizations need and offer, and update the map every year;"),
                _("– agree how urgent alerts are sent and answered, and rehearse it once a year."),
            )
        ),
        "governance": "\n\n".join(
            (
                _(
                    "The meeting of all member organizations is the highest body of the network: it adopts "
                    "and changes this charter, chooses the coordinator and the committee, and approves the "
                    "yearly plan. Each member organization has one vote, cast by a person who speaks for it. "
                    "Decisions are taken by consent where possible, otherwise by a majority of the votes "
                    "cast, with at least half of the members voting."
                ),
                _(
                    "The coordinator, a member organization chosen for [two years], calls the meetings, "
                    "keeps the network's records, admits new members after consulting the committee and "
                    "speaks for the network within the mandate the members give it."
                ),
                _(
                    "The committee, [three to five] member organizations, from different countries where "
                    "possible, prepares decisions, advises the coordinator and may put decisions to all "
                    "members. The coordinator and the committee report to the members once a year."
                ),
            )
        ),
        "membership_rules": "\n\n".join(
            (
                _(
                    "Joining: a civil society organization that shares the purpose of the network asks to "
                    "join, or is invited by the coordinator, who admits it after consulting the committee. "
                    "An organization does not need to be registered where registration is unsafe or "
                    "impossible."
                ),
                _(
                    "Rights and duties: each member takes part in decisions, receives the network's "
                    "information, keeps this charter and keeps confidential what other members share."
                ),
                _(
                    "Leaving: a member may leave at any time by telling the coordinator; what it contributed "
                    "stays in the network's records."
                ),
                _(
                    "Removal: a member that acts against the purpose of the network or puts other members at "
                    "risk may be removed by a decision of the members, after it has been told why and could "
                    "answer. In an emergency the coordinator may suspend its access until that decision."
                ),
            )
        ),
        "communication_policy": "\n\n".join(
            (
                _(
                    "Languages: the network works in [Russian and English]; members may write in their own "
                    "language, and decisions are summarized in [languages]."
                ),
                _(
                    "Digital safety: members discuss the network's internal matters only on this platform "
                    "or in end-to-end encrypted channels, turn on two-step login, and forward nothing "
                    "internal outside the network without the author's consent."
                ),
                _(
                    "What may be published: decisions and joint statements that the members agreed to "
                    "publish. Never published without consent: the names of member organizations, of their "
                    "staff, partners and the people they help, places, and anything that could expose a "
                    "member working where civic space is closed. When in doubt, ask the member concerned."
                ),
                _(
                    "Speaking for the network: only the coordinator, or a member the members mandated by a "
                    "decision, speaks publicly in the network's name."
                ),
            )
        ),
    }
