namespace Router.Runtime.Events;

/// <summary>
/// What a checked event or request body is refused for, in words: the one wording for the scan
/// (<see cref="EventScanner"/>) and for an event read as a document (<see cref="EventDocument"/>), so an
/// event gets the same message whichever of the two read it.
/// </summary>
internal static class ScanMessages
{
    public static string NotValidJson(string subject, string readerMessage) => $"{subject} is not valid JSON: {readerMessage}";

    public static string TooDeep(string subject, int maxDepth) => $"{subject} is nested deeper than the limit of {maxDepth} levels.";

    public static string UrlTwice(string subject) => $"{subject} names \"$url\" more than once, so its route is ambiguous.";

    public static string MemberTwice(string subject, string? name)
        => $"{subject} names the member {Messages.Quote(name)} more than once in one object; another parser could read the other value, so it is refused.";

    public const string NoUrl = "The event has no \"$url\" member naming the route, such as \"pay/makeOrder\".";

    public const string UrlEmpty = "The event's \"$url\" is empty; it must name a route such as \"pay/makeOrder\".";

    public static string UrlNotString(string kind) => $"The event's \"$url\" is a JSON {kind}; it must be a string naming a route such as \"pay/makeOrder\".";
}
