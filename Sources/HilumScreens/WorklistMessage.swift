import HilumVoice

/// A message background work posts to the worklist's event queue.
public enum WorklistMessage: Sendable {
    /// The sync state, posted about twice a second; a changed ledger version
    /// makes the screens reload.
    case sync(SyncStatus)
    /// A background failure to show in the status bar; never patient data.
    case failure(String)
    /// Lists background sync read after the ledger changed.
    case lists(LoadedLists)
    /// A key image fetched and drawn, or why it could not be, for the Case screen.
    case preview(PreviewUpdate)
    /// The outcome of push-to-talk: the recognised words, or the reason nothing was recognised.
    case voice(VoiceMessage)
}
