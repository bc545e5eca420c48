import Foundation

/// Drafts a case's disclosure from the data, keeping only what may be published: the sex, the age
/// as a ten-year band, the compound, and stays at public places (venues, vehicles, pharmacies;
/// never a home, a cell tower or a checkpoint), merged when consecutive at one place.
public enum DisclosureDraft {
    public static let publicPlaceKinds: Set<PlaceKind> = [.venue, .vehicle, .pharmacy]

    public static func make(
        number: Int, sex: Sex, birthYear: Int?, compound: Place?, district: String?, confirmedOn: CalendarDate,
        stays: [(place: Place, from: Date, to: Date)], at now: Date
    ) -> CaseDisclosure {
        var stops: [PublicStop] = []
        for stay in stays.sorted(by: { $0.from < $1.from }) where publicPlaceKinds.contains(stay.place.kind) {
            if var last = stops.last, last.place == stay.place.name, stay.from.timeIntervalSince(last.to) <= 30 * 60 {
                last.to = max(last.to, stay.to)
                stops[stops.count - 1] = last
            } else {
                stops.append(PublicStop(place: stay.place.name, kind: stay.place.kind, from: stay.from, to: stay.to))
            }
        }
        // Minute-exact times single a person out of a crowd: the public sees half hours, widened
        // outwards so the published stay still covers the real one.
        stops = stops.map { stop in
            var rounded = stop
            rounded.from = Date(timeIntervalSince1970: (stop.from.timeIntervalSince1970 / 1_800).rounded(.down) * 1_800)
            rounded.to = Date(timeIntervalSince1970: (stop.to.timeIntervalSince1970 / 1_800).rounded(.up) * 1_800)
            return rounded
        }
        return CaseDisclosure(
            id: "case-\(number)", number: number, sex: sex, ageBand: ageBand(birthYear: birthYear, on: confirmedOn), compound: compound?.name,
            compoundID: compound?.id, latitude: compound?.latitude, longitude: compound?.longitude, district: district, confirmedOn: confirmedOn,
            trajectory: stops, preparedAt: now)
    }

    /// "30-39" by the age reached in `day`'s year (only the birth year is kept in clear); "unknown"
    /// without one.
    public static func ageBand(birthYear: Int?, on day: CalendarDate) -> String {
        guard let birthYear else { return "unknown" }
        let age = day.year - birthYear
        let low = max(0, age) / 10 * 10
        return low >= 90 ? "90+" : "\(low)-\(low + 9)"
    }
}
