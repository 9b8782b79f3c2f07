/// Turning free text into search keywords, the same way for every store.
public enum SearchText {
    /// Words too common to say anything about a problem.
    static let stopWords: Set<String> = [
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
        "being", "but", "by", "can", "cannot", "could", "did", "do", "does", "doing", "dont", "for", "from", "get", "gets",
        "got", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i", "if", "im", "in", "into", "is",
        "it", "its", "ive", "just", "me", "more", "my", "no", "not", "now", "of", "on", "once", "only", "or", "other", "our",
        "out", "over", "please", "same", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "under", "until", "up", "very", "was",
        "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your",
    ]

    /// The distinct, lower-cased, meaningful words of `text`, in order, at most `limit` of them.
    /// Only letters and digits survive, so the result is safe to quote into any query language.
    /// - Parameters:
    ///   - text: Free text, such as a draft ticket's title and description.
    ///   - limit: How many keywords to keep at most.
    /// - Returns: The keywords: 2-40 characters each, stop words left out.
    public static func keywords(_ text: String, limit: Int = 16) -> [String] {
        var seen: Set<String> = []
        var words: [String] = []
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            let word = String(word)
            guard word.count >= 2, word.count <= 40, !Self.stopWords.contains(word), seen.insert(word).inserted else { continue }
            words.append(word)
            if words.count == limit { break }
        }
        return words
    }

    /// The words a `q` search looks for: the distinct words of `text` (letters and digits, compared
    /// without case), in order, at most ``ValidationLimits/searchWords``, joined by spaces. Every
    /// word must match, so a repeat adds nothing but work (one word 125 times took a hundred
    /// times as long as once).
    /// - Parameters:
    ///   - text: A validated `q`.
    /// - Returns: The distinct words, separated by single spaces.
    public static func searchWords(_ text: String) -> String {
        var seen: Set<String> = []
        var words: [Substring] = []
        for word in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where seen.insert(word.lowercased()).inserted {
            words.append(word)
            if words.count == ValidationLimits.searchWords { break }
        }
        return words.joined(separator: " ")
    }

    /// A crude English stem (plural, past and -ing endings) for the in-memory store; the SQL
    /// stores use their own stemmers (FTS5 porter, PostgreSQL english).
    /// - Parameters:
    ///   - word: A lower-cased word.
    /// - Returns: The word with one such ending cut, and a doubled final consonant made single.
    public static func stem(_ word: String) -> String {
        var stem = word
        for suffix in ["ing", "ed", "es", "s"] where stem.count > suffix.count + 2 && stem.hasSuffix(suffix) {
            stem.removeLast(suffix.count)
            break
        }
        if let last = stem.last, stem.count > 3, stem.dropLast().last == last, !"aeiouls".contains(last) {
            stem.removeLast()
        }
        return stem
    }

    /// The part of a comment thread (oldest first) that a `q` search looks at: the comments
    /// joined by spaces, cut after ``ValidationLimits/searchedCommentText`` Unicode scalars, as
    /// the SQL stores' triggers cut it.
    /// - Parameters:
    ///   - contents: The comments' texts, oldest first.
    /// - Returns: The searched text.
    public static func searchedComments(_ contents: [String]) -> String {
        var scalars = String.UnicodeScalarView()
        var count = 0
        for content in contents {
            if count > 0 {
                scalars.append(" ")
                count += 1
            }
            let part = content.unicodeScalars.prefix(ValidationLimits.searchedCommentText - count)
            scalars.append(contentsOf: part)
            count += part.count
            if count >= ValidationLimits.searchedCommentText { break }
        }
        return String(scalars)
    }
}
