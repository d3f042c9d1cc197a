import DialogueStore
import Foundation

/// A generated history that looks like team chat: short messages of Zipf-distributed common
/// words, a few accented names and emoji, rare words in a handful of messages and ticket numbers,
/// spread over conversations of very different sizes, about half a minute apart.
struct MessageCorpus: Sendable {
    var entries: [SearchEntry]

    init(messages: Int, conversations: Int, seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let words = ZipfSampler(count: WordList.common.count)
        let rooms = ZipfSampler(count: conversations)
        let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
        var entries: [SearchEntry] = []
        entries.reserveCapacity(messages)
        for index in 0..<messages {
            var text: [String] = []
            let length = 3 + Int(random.next() % 8) + (random.next() % 4 == 0 ? Int(random.next() % 24) : 0)
            for position in 0..<length {
                let roll = random.next() % 1000
                if roll < 15 {
                    text.append(WordList.flavour[Int(random.next() % UInt64(WordList.flavour.count))])
                } else if roll < 16 && random.next() % 50 == 0 {
                    text.append(WordList.rare[Int(random.next() % UInt64(WordList.rare.count))])
                } else if roll < 20 {
                    text.append("INC-\(1000 + random.next() % 9000)")
                } else {
                    let word = WordList.common[words.sample(&random)]
                    text.append(position == 0 ? word.capitalized : word)
                }
            }
            let seconds = Double(index) * 30 + Double(random.next() % 20_000) / 1000
            entries.append(
                SearchEntry(
                    messageId: String(format: "m%08x%08x", index, UInt32(truncatingIfNeeded: random.next())),
                    conversationId: "conversation-\(rooms.sample(&random))",
                    text: text.joined(separator: " ") + (random.next() % 3 == 0 ? "?" : ""),
                    createdAt: start.addingTimeInterval(seconds)
                )
            )
        }
        self.entries = entries
    }
}
