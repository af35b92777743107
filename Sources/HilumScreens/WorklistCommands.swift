import HilumTerminal

extension CommandID {
    static let showMarket: CommandID = "screen.market"
    static let showToRead: CommandID = "screen.to-read"
    static let showCase: CommandID = "screen.case"
    static let showFeedback: CommandID = "screen.feedback"
    static let showFollowUps: CommandID = "screen.follow-ups"
    static let showMe: CommandID = "screen.me"
    static let nextScreen: CommandID = "screen.next"
    static let previousScreen: CommandID = "screen.previous"
    static let openCase: CommandID = "case.open"
    static let bid: CommandID = "market.bid"
    static let accept: CommandID = "market.accept"
    static let withdraw: CommandID = "market.withdraw"
    static let openViewer: CommandID = "case.viewer"
    static let copyLink: CommandID = "case.copy-link"
    static let sort: CommandID = "view.sort"
    static let reverseSort: CommandID = "view.sort-reverse"
    static let refresh: CommandID = "view.refresh"
    static let lock: CommandID = "app.lock"
    static let editReport: CommandID = "report.edit"
    static let signReport: CommandID = "report.sign"
    static let switchTemplate: CommandID = "report.template"
    static let externalEdit: CommandID = "report.external-editor"
    static let replyFeedback: CommandID = "feedback.reply"
    static let addendumFeedback: CommandID = "feedback.addendum"
    static let flagCritical: CommandID = "report.critical"
    static let nextSeries: CommandID = "preview.next-series"
    static let previousSeries: CommandID = "preview.previous-series"
    static let nextImage: CommandID = "preview.next-image"
    static let previousImage: CommandID = "preview.previous-image"
    static let cycleWindow: CommandID = "preview.window"
    static let talk: CommandID = "voice.talk"
    static let dictate: CommandID = "voice.dictate"
}

/// The worklist's commands. The help screen, the key hints, the palette and
/// the `keys` file all work from this table.
public enum WorklistCommands {
    public static let table = CommandTable(Command.standard + [
        Command(.showMarket, label: "market", description: "Show the Market: open postings you may read", group: "Screens", keys: [.character("1")]),
        Command(.showToRead, label: "to read", description: "Show To read: cases assigned to you", group: "Screens", keys: [.character("2")]),
        Command(.showCase, label: "case", description: "Show the case opened last", group: "Screens", keys: [.character("3")]),
        Command(.showFeedback, label: "feedback", description: "Show feedback on your reports", group: "Screens", keys: [.character("4")]),
        Command(.showFollowUps, label: "follow-ups", description: "Show follow-ups you recommended and critical results awaiting acknowledgment", group: "Screens", keys: [.character("5")]),
        Command(.showMe, label: "me", description: "Show your quality figures", group: "Screens", keys: [.character("6")]),
        Command(.nextScreen, label: "next", description: "Show the next screen", group: "Screens", keys: [.tab]),
        Command(.previousScreen, label: "previous", description: "Show the previous screen", group: "Screens", keys: [.backTab]),
        Command(.openCase, label: "open", description: "Open the selected case", group: "Case", keys: [.enter], showsInHints: true),
        Command(.bid, label: "bid", description: "Bid on the selected posting with a price and a committed turnaround", group: "Case",
                keys: [.character("b")], showsInHints: true),
        Command(.accept, label: "accept", description: "Accept the selected posting at its posted price", group: "Case",
                keys: [.character("a")], showsInHints: true),
        Command(.withdraw, label: "withdraw", description: "Withdraw your bid on the selected posting", group: "Case",
                keys: [.character("w")], showsInHints: true),
        Command(.openViewer, label: "viewer", description: "Open the case's access link in the image viewer", group: "Case",
                keys: [.character("v")], showsInHints: true),
        Command(.copyLink, label: "copy link", description: "Copy the case's access link to the clipboard (OSC 52)", group: "Case",
                keys: [.character("c")], showsInHints: true),
        Command(.editReport, label: "report", description: "Write the report of the selected or open case, from its draft if any", group: "Report",
                keys: [.character("e")], showsInHints: true),
        Command(.signReport, label: "sign", description: "Check, sign and seal the report being edited", group: "Report",
                keys: [.control("s")], showsInHints: true),
        Command(.switchTemplate, label: "template", description: "Use the next template that fits the case", group: "Report",
                keys: [.control("t")], showsInHints: true),
        Command(.flagCritical, label: "critical", description: "Flag a critical or urgent result for the referring clinician to acknowledge",
                group: "Report", keys: [.control("r")], showsInHints: true),
        Command(.externalEdit, label: "$EDITOR", description: "Edit the focused text field in $VISUAL or $EDITOR", group: "Report",
                keys: [.control("e")]),
        Command(.replyFeedback, label: "reply", description: "Reply to the selected feedback, sealed to the clinician", group: "Feedback",
                keys: [.character("R")], showsInHints: true),
        Command(.addendumFeedback, label: "addendum", description: "File an addendum to the report and reply with a reference to it",
                group: "Feedback", keys: [.character("A")], showsInHints: true),
        Command(.nextSeries, label: "next series", description: "Show the key image of the study's next series in the preview", group: "Preview",
                keys: [.character("]")]),
        Command(.previousSeries, label: "previous series", description: "Show the key image of the study's previous series", group: "Preview",
                keys: [.character("[")]),
        Command(.nextImage, label: "next image", description: "Show the next image of the series in the preview", group: "Preview",
                keys: [.character(".")]),
        Command(.previousImage, label: "previous image", description: "Show the previous image of the series in the preview", group: "Preview",
                keys: [.character(",")]),
        Command(.cycleWindow, label: "window", description: "Render the preview with the next CT window: lung, mediastinum, bone, brain, archive's",
                group: "Preview", keys: [.character("W")]),
        Command(.talk, label: "talk", description: "Push to talk: press to listen, again to stop; speak a command or a finding",
                group: "Voice", keys: [.function(4)], showsInHints: true),
        Command(.dictate, label: "dictate", description: "Push to talk for free text into the focused text field (experimental)",
                group: "Voice", keys: [.function(5)]),
        Command(.sort, label: "sort", description: "Sort by the next column", group: "View", keys: [.character("s")], showsInHints: true),
        Command(.reverseSort, label: "reverse", description: "Reverse the sort order", group: "View", keys: [.character("S")]),
        Command(.refresh, label: "refresh", description: "Reload the lists from the replica", group: "View", keys: [.character("r")]),
        Command(.lock, label: "lock", description: "Lock the screen and forget decrypted case data", group: "View", keys: [.character("L")]),
    ])
}
