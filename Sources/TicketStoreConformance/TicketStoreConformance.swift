import Foundation
public import Testing
public import TicketCore

/// The behaviour every ``TicketStore`` must show, written once and run against each store
/// (in-memory, SQLite, and later PostgreSQL). Each case expects an empty, migrated store.
public enum TicketStoreConformance: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case createdUserIsFetchable
    case duplicateEmailIsConflictIgnoringCase
    case userUpdateKeepsOrReplacesPasswordHash
    case adminDecisionsStandAgainstConcurrentSelfUpdates
    case writesGuardedBySessionsLandOnlyWhileTheyAreValid
    case administratorsCannotDemoteEachOtherAtOnce
    case loginAttemptsAreCountedAtomically
    case sessionsEndOneByOne
    case sessionsEndAllAtOnceAndOnlyWhileValid
    case expiredAndSurplusSessionsAreRemoved
    case createdTicketStartsIncomingWithHistory
    case updateBumpsVersionAndWritesEvents
    case staleUpdateIsRejectedAndWritesNothing
    case ticketSnapshotHoldsWhatTheSeparateReadsSay
    case deletingTicketRemovesCommentsAndHistory
    case staleDeletesChangeNothing
    case duplicateMarksNeverMakeCycles
    case commentLifecycleRecordsEvents
    case commentListsRespectVisibility
    case longCommentThreadsStayWritableAndSearchable
    case concurrentCommentsAreAllSearchable
    case ticketFiltersMatchExactly
    case paginationVisitsEveryTicketOnceInEverySort
    case totalCountsFollowEveryChange
    case paginationIsStableWhileTicketsArrive
    case textSearchFindsWordsInComments
    case similarFindsParaphrasesAndSkipsClosed
    case similarScoresTitleAndDescriptionOnly
    case similarReadsOnlyTitlesOfHiddenTickets
    case noSettingsAreStored
    case concurrentCreatesGetDistinctIDs
    case listsReadOneMomentWhileWritersRun
    case bulkLoadKeepsEveryFieldWithHistory
    case queuePositionsFollowEveryChange
    case officeCountsFollowEveryChange
    case resolutionsAndDailyCountsFollowStatusMoves
    case countersStayExactUnderConcurrentWrites
    case everyColumnReadsBackThroughEveryPath
    case categoryFiltersMatchAndCount

    public var testDescription: String { self.rawValue }

    /// Runs this case against `store`.
    public func run(against store: some TicketStore) async throws {
        let fixture = Fixture(store: store)
        switch self {
        case .createdUserIsFetchable: try await fixture.createdUserIsFetchable()
        case .duplicateEmailIsConflictIgnoringCase: try await fixture.duplicateEmailIsConflictIgnoringCase()
        case .userUpdateKeepsOrReplacesPasswordHash: try await fixture.userUpdateKeepsOrReplacesPasswordHash()
        case .adminDecisionsStandAgainstConcurrentSelfUpdates: try await fixture.adminDecisionsStandAgainstConcurrentSelfUpdates()
        case .writesGuardedBySessionsLandOnlyWhileTheyAreValid: try await fixture.writesGuardedBySessionsLandOnlyWhileTheyAreValid()
        case .administratorsCannotDemoteEachOtherAtOnce: try await fixture.administratorsCannotDemoteEachOtherAtOnce()
        case .loginAttemptsAreCountedAtomically: try await fixture.loginAttemptsAreCountedAtomically()
        case .sessionsEndOneByOne: try await fixture.sessionsEndOneByOne()
        case .sessionsEndAllAtOnceAndOnlyWhileValid: try await fixture.sessionsEndAllAtOnceAndOnlyWhileValid()
        case .expiredAndSurplusSessionsAreRemoved: try await fixture.expiredAndSurplusSessionsAreRemoved()
        case .createdTicketStartsIncomingWithHistory: try await fixture.createdTicketStartsIncomingWithHistory()
        case .updateBumpsVersionAndWritesEvents: try await fixture.updateBumpsVersionAndWritesEvents()
        case .staleUpdateIsRejectedAndWritesNothing: try await fixture.staleUpdateIsRejectedAndWritesNothing()
        case .ticketSnapshotHoldsWhatTheSeparateReadsSay: try await fixture.ticketSnapshotHoldsWhatTheSeparateReadsSay()
        case .deletingTicketRemovesCommentsAndHistory: try await fixture.deletingTicketRemovesCommentsAndHistory()
        case .staleDeletesChangeNothing: try await fixture.staleDeletesChangeNothing()
        case .duplicateMarksNeverMakeCycles: try await fixture.duplicateMarksNeverMakeCycles()
        case .commentLifecycleRecordsEvents: try await fixture.commentLifecycleRecordsEvents()
        case .commentListsRespectVisibility: try await fixture.commentListsRespectVisibility()
        case .longCommentThreadsStayWritableAndSearchable: try await fixture.longCommentThreadsStayWritableAndSearchable()
        case .concurrentCommentsAreAllSearchable: try await fixture.concurrentCommentsAreAllSearchable()
        case .ticketFiltersMatchExactly: try await fixture.ticketFiltersMatchExactly()
        case .paginationVisitsEveryTicketOnceInEverySort: try await fixture.paginationVisitsEveryTicketOnceInEverySort()
        case .totalCountsFollowEveryChange: try await fixture.totalCountsFollowEveryChange()
        case .paginationIsStableWhileTicketsArrive: try await fixture.paginationIsStableWhileTicketsArrive()
        case .textSearchFindsWordsInComments: try await fixture.textSearchFindsWordsInComments()
        case .similarFindsParaphrasesAndSkipsClosed: try await fixture.similarFindsParaphrasesAndSkipsClosed()
        case .similarScoresTitleAndDescriptionOnly: try await fixture.similarScoresTitleAndDescriptionOnly()
        case .similarReadsOnlyTitlesOfHiddenTickets: try await fixture.similarReadsOnlyTitlesOfHiddenTickets()
        case .noSettingsAreStored: try await fixture.noSettingsAreStored()
        case .concurrentCreatesGetDistinctIDs: try await fixture.concurrentCreatesGetDistinctIDs()
        case .listsReadOneMomentWhileWritersRun: try await fixture.listsReadOneMomentWhileWritersRun()
        case .bulkLoadKeepsEveryFieldWithHistory: try await fixture.bulkLoadKeepsEveryFieldWithHistory()
        case .queuePositionsFollowEveryChange: try await fixture.queuePositionsFollowEveryChange()
        case .officeCountsFollowEveryChange: try await fixture.officeCountsFollowEveryChange()
        case .resolutionsAndDailyCountsFollowStatusMoves: try await fixture.resolutionsAndDailyCountsFollowStatusMoves()
        case .countersStayExactUnderConcurrentWrites: try await fixture.countersStayExactUnderConcurrentWrites()
        case .everyColumnReadsBackThroughEveryPath: try await fixture.everyColumnReadsBackThroughEveryPath()
        case .categoryFiltersMatchAndCount: try await fixture.categoryFiltersMatchAndCount()
        }
    }
}
