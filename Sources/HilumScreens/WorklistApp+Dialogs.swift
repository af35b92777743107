import Foundation
import HilumCore
import HilumReporting
import HilumTerminal
import HilumWorklist

extension WorklistApp {
    /// Acts on a dialog's outcome. A cancelled dialog changes nothing.
    func answer(_ outcome: Dialog.Outcome, to purpose: DialogPurpose) -> Redraw {
        if case .signBlocked = purpose { return .all }
        if let redraw = answerFeedback(outcome, to: purpose) { return redraw }
        if outcome == .cancelled {
            if case .unlock = purpose {
                overlay = .none
                return .all
            }
            show("Cancelled")
            return .status
        }
        switch purpose {
        case .bidPrice(let row):
            guard case .submitted(let text) = outcome, let price = Formatting.cents(text), price > 0 else {
                show("Invalid price; type an amount such as 42.50", .error)
                overlay = .dialog(.prompt("Bid", message: "Invalid price. Your price in \(row.currency), such as 42.50:", label: "Price"), .bidPrice(row))
                return .overlay
            }
            let minutes = row.myBid?.turnaroundMinutes ?? 240
            overlay = .dialog(.prompt("Bid", message: "Turnaround you commit to, in minutes from assignment:", label: "Minutes",
                                      text: String(minutes)), .bidTurnaround(row, price: price))
            return .overlay
        case .bidTurnaround(let row, let price):
            guard case .submitted(let text) = outcome, let minutes = UInt32(text.trimmingCharacters(in: .whitespaces)),
                  (1...10_080).contains(minutes) else {
                overlay = .dialog(.prompt("Bid", message: "Invalid turnaround; type whole minutes from 1 to 10080:", label: "Minutes"),
                                  .bidTurnaround(row, price: price))
                return .overlay
            }
            return act("bid on case \(row.caseID.short)") {
                try store.bid(on: row.caseID, price: price, turnaroundMinutes: minutes)
                return "Bid \(Formatting.amount(price, row.currency)), \(minutes) min on \(row.procedure)"
            }
        case .accept(let row):
            return act("accept of case \(row.caseID.short)") {
                try store.accept(row.caseID)
                return "Accepted \(row.procedure) at \(Formatting.amount(row.price, row.currency)); waiting for the client to assign"
            }
        case .withdraw(let row, let bid):
            return act("withdrawal on case \(row.caseID.short)") {
                try store.withdraw(bid: bid)
                return "Bid withdrawn on \(row.procedure)"
            }
        case .signBlocked:
            return .all
        case .signOverride(let warnings):
            guard case .submitted(let text) = outcome else { return .overlay }
            let reason = text.trimmingCharacters(in: .whitespaces)
            guard !reason.isEmpty else {
                show("Give a reason to sign despite the warnings", .warning)
                return beginSigning()
            }
            return sign(overrides: warnings.map { CheckOverride(checkID: $0.checkID, message: $0.message, reason: reason) })
        case .sign(let overrides):
            return sign(overrides: overrides)
        case .reply, .addendum:
            return .all
        case .criticalLevel:
            guard case .submitted(let text) = outcome else { return .overlay }
            return answerCriticalLevel(text)
        case .criticalMessage(let category):
            guard case .submitted(let text) = outcome else { return .overlay }
            return answerCriticalMessage(text, category: category)
        case .quit:
            finish()
            return .none
        case .unlock:
            guard case .submitted(let passphrase) = outcome else { return .overlay }
            guard services.verifyPassphrase(passphrase) else {
                services.log("unlock failed: wrong passphrase")
                overlay = .dialog(.prompt("Unlock", message: "Wrong passphrase; try again.", label: "Passphrase", secret: true), .unlock)
                return .all
            }
            isLocked = false
            services.log("unlocked")
            reload()
            if screen == .caseDetail, let caseID = caseScreen.caseID { load(caseID) }
            show("Unlocked")
            return .all
        }
    }

    /// Runs a ledger action and reports its result or the ledger's reason in the status bar.
    private func act(_ what: String, _ action: () throws -> String) -> Redraw {
        do {
            let text = try action()
            services.log("\(what) published")
            reload()
            show(text, .success)
        } catch {
            services.log("\(what) rejected: \(error)")
            show("Not done: \(error)", .error)
        }
        return .all
    }
}
