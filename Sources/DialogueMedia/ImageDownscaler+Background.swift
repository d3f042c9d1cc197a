import Dispatch

extension ImageDownscaler {
    /// ``prepare(fileAt:maxSide:)`` on a Dispatch worker thread: decoding a large photo takes
    /// long enough that it must not occupy a thread of the Swift cooperative pool.
    package static func prepareInBackground(fileAt path: String, maxSide: Int = 1600) async throws(MediaError)
        -> PreparedImage
    {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<PreparedImage, MediaError>, Never>) in
            DispatchQueue.global(qos: .utility).async {
                continuation.resume(
                    returning: Result { () throws(MediaError) in try prepare(fileAt: path, maxSide: maxSide) })
            }
        }
        return try result.get()
    }
}
