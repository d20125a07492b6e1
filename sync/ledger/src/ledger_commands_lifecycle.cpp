// `sango-ledger`'s commands on the lifecycle of what the municipality hands out: enrolment codes, providers'
// suspension, terminals' revocation, paper tickets, and sessions unlocked beyond the correction window.
#include "ledger_commands.h"

#include "sango/coupon_id.h"

namespace sango::ledger::cli {

using nlohmann::json;

int Commands::codeCancel() const
{
    if (m_o.code.empty() == m_o.providerId.empty())
        return usage("give the enrolment code to cancel, or --provider ID to cancel all its unused codes");
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    if (!m_o.code.empty()) {
        if (auto r = ledger->cancelEnrolmentCode(m_o.code); !r)
            return failure(r.error());
        print({{"cancelled", 1}});
        return 0;
    }
    auto n = ledger->cancelEnrolmentCodes(m_o.providerId);
    if (!n)
        return failure(n.error());
    print({{"provider_id", m_o.providerId}, {"cancelled", *n}});
    return 0;
}

int Commands::providerSuspend(bool suspend) const
{
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    auto r = suspend ? ledger->suspendProvider(m_o.providerId) : ledger->resumeProvider(m_o.providerId);
    if (!r)
        return failure(r.error());
    print({{"provider_id", m_o.providerId}, {"suspended", suspend}});
    m_err << "sango-ledger: provider " << m_o.providerId
          << (suspend ? "'s terminals are refused until it is resumed\n" : "'s terminals are admitted again\n");
    return 0;
}

int Commands::terminalRevoke() const
{
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    if (auto r = ledger->revokeTerminal(m_o.terminalId, m_o.reason); !r)
        return failure(r.error());
    print({{"terminal_id", m_o.terminalId}, {"revoked", true}, {"reason", m_o.reason}});
    m_err << "sango-ledger: every later request of " << m_o.terminalId << " is refused (terminal_revoked)\n";
    return 0;
}

int Commands::paperIssue() const
{
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    auto t = ledger->issuePaperTickets(m_o.couponId, m_o.tickets);
    if (!t)
        return failure(t.error());
    print({{"coupon_id", t->couponId}, {"tickets", t->tickets}});
    m_err << "sango-ledger: " << t->tickets.size() << " paper ticket(s) for coupon " << couponid::grouped(t->couponId)
          << "; each can be used once\n";
    return 0;
}

int Commands::sessionUnlock() const
{
    auto ledger = open();
    if (!ledger)
        return failure(ledger.error());
    auto until = ledger->unlockSession(m_o.terminalId, m_o.sessionId, m_o.days);
    if (!until)
        return failure(until.error());
    print({{"terminal_id", m_o.terminalId}, {"session_id", m_o.sessionId}, {"until", timeText(*ledger, *until)}});
    return 0;
}

} // namespace sango::ledger::cli
