import TicketCore

/// `GET /stats` (docs/api.md, "GET /stats"), keys in its order, plus `mine_total`.
struct StatsBody: JSONResponseBody {
    var stats: OfficeStats

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("active_total")
            json.int(self.stats.activeTotal)
            json.key("by_status")
            json.object { json in
                for status in TicketStatus.allCases {
                    json.key(status.rawValue)
                    json.int(self.stats.byStatus[status] ?? 0)
                }
            }
            json.key("by_priority_active")
            json.object { json in
                for priority in TicketPriority.allCases {
                    json.key(priority.rawValue)
                    json.int(self.stats.byPriorityActive[priority] ?? 0)
                }
            }
            json.key("workload")
            json.array(self.stats.workload) { json, entry in
                json.object { json in
                    json.key("user")
                    json.person(entry.user)
                    json.key("active_assigned")
                    json.int(entry.activeAssigned)
                }
            }
            json.key("unassigned_active")
            json.int(self.stats.unassignedActive)
            json.key("median_hours_to_resolve_30d")
            if let median = self.stats.medianHoursToResolve { json.double(median) } else { json.null() }
            json.key("mine")
            json.array(self.stats.mine) { json, queued in
                json.object { json in
                    json.key("id")
                    json.id(queued.ticket.id)
                    json.key("title")
                    json.string(queued.ticket.title)
                    json.key("status")
                    json.string(queued.ticket.status.rawValue)
                    json.key("priority")
                    json.string(queued.ticket.priority.rawValue)
                    json.key("queue_position")
                    json.int(queued.queuePosition)
                }
            }
            json.key("mine_total")
            json.int(self.stats.mineTotal)
            json.key("trend")
            json.array(self.stats.trend) { json, day in
                json.object { json in
                    json.key("date")
                    json.string(day.day.isoDate)
                    json.key("created")
                    json.int(day.created)
                    json.key("resolved")
                    json.int(day.resolved)
                }
            }
        }
    }
}
