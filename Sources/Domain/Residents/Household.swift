/// A household (户): the people who live together. Created by the first resident import that names it;
/// it belongs to the area of that first member.
public struct Household: Sendable, Equatable, Identifiable {
    public var id: String
    public var areaID: String?
    public var areaPath: String

    public init(id: String, areaID: String?, areaPath: String) {
        self.id = id
        self.areaID = areaID
        self.areaPath = areaPath
    }
}
