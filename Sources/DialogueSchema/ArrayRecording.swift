/// The element an array container was asked for.
final class ArrayRecording {
    var element: Schema?
}
