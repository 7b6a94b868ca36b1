using System.Text.Json;
using System.Text.Unicode;

namespace Router.Runtime.Events;

/// <summary>What the one validating pass over a JSON object found.</summary>
/// <param name="Failure">The error when the JSON is not usable, or <see langword="null"/>.</param>
/// <param name="Url">The top-level <c>$url</c> when it is a non-empty string.</param>
/// <param name="UrlProblem">Why a top-level <c>$url</c> names no route (empty, not a string), or <see langword="null"/>.</param>
/// <param name="HasUrl">Whether the object has a top-level <c>$url</c> member at all.</param>
/// <param name="IsDuplicate">Whether the failure is a member named twice in valid JSON (other than <c>$url</c>).</param>
/// <param name="UserInfo">Where the top-level <c>userInfo</c> object is in the text (CloudBase's caller on SCF), so it is read without a second pass; <see langword="null"/> when there is none.</param>
/// <param name="Document">
/// An HTTP event parsed (<see cref="EventDocument"/>), for its <paramref name="Format"/> to read; the caller
/// disposes it. <see langword="null"/> for any other event.
/// </param>
/// <param name="Format">The platform's HTTP event format the event is, or <see langword="null"/> (a direct event, or none).</param>
internal readonly record struct EventScan(
    InvocationError? Failure,
    string? Url,
    string? UrlProblem,
    bool HasUrl,
    bool IsDuplicate = false,
    Range? UserInfo = null,
    System.Text.Json.JsonDocument? Document = null,
    Http.Formats.HttpEventFormat? Format = null);

/// <summary>
/// Checks a whole event, or an HTTP request's JSON body, in one forward pass with
/// <see cref="Utf8JsonReader"/>: valid JSON, one object, no deeper than the limit, neither <c>$url</c> nor
/// <c>userInfo</c> named twice at its top level, and where its top-level <c>$url</c> is.
/// </summary>
/// <remarks>
/// <para>
/// A duplicate is refused where it could be read differently than a parser in front of the function read it
/// (docs/guide.md, "Members named twice"): here for the two members the runtime reads itself; binding
/// (<c>RoutePipeline.BindRequest</c>), <c>RouteContext.Event</c> and <c>RouteContext.TryGetEventString</c>
/// refuse one among the members they read. A duplicate nobody reads changes nothing and is not looked for.
/// </para>
/// <para>
/// A whole event (<see cref="ScanEvent"/>) is read once, by one of two readers, and its first member
/// decides which: <c>$url</c> (a direct event as clients write it) and this scan goes on; anything else (a
/// gateway's HTTP event, or a direct event naming its route later) and the event is parsed as a
/// document (<see cref="EventDocument"/>), which the HTTP formats read, with the same checks and messages.
/// Only the opening brace and that first name are read by both.
/// </para>
/// </remarks>
internal static class EventScanner
{
    private static ReadOnlySpan<byte> UrlProperty => "$url"u8;

    private static ReadOnlySpan<byte> UserInfoProperty => "userInfo"u8;

    /// <summary>Checks a whole event (a byte-order mark already cut): scanned when its first member is <c>$url</c>, read as a document otherwise.</summary>
    /// <param name="json">The event's JSON text.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <param name="routes">The router's routes: a <c>$url</c> that names one is given as the route table's string, not a new one.</param>
    public static EventScan ScanEvent(ReadOnlyMemory<byte> json, int maxDepth, RouteNames routes)
        => Scan(json, maxDepth, Subjects.Event, routes, firstMemberDecides: true);

    /// <summary>Scans <paramref name="json"/> (a byte-order mark already cut) to its end.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <param name="subject">What the text is, for messages: <c>The event</c> or <c>The request body</c>.</param>
    /// <param name="routes">The router's routes: a <c>$url</c> that names one is given as the route table's string, not a new one.</param>
    public static EventScan Scan(ReadOnlyMemory<byte> json, int maxDepth, string subject, RouteNames? routes = null)
        => Scan(json, maxDepth, subject, routes, firstMemberDecides: false);

    private static EventScan Scan(ReadOnlyMemory<byte> json, int maxDepth, string subject, RouteNames? routes, bool firstMemberDecides)
    {
        var span = json.Span;
        if (IsBlank(span))
        {
            return Fail($"{subject} is empty; expected a JSON object{ExpectedMembers(subject)}.");
        }

        // JSON is UTF-8 (RFC 8259); the reader checks the structure but not the bytes inside strings.
        if (!Utf8.IsValid(span))
        {
            return Fail($"{subject} is not valid UTF-8 text.");
        }

        var reader = new Utf8JsonReader(span, new JsonReaderOptions { MaxDepth = maxDepth });
        string? url = null;
        string? urlProblem = null;
        var urlSeen = false;
        var userInfoSeen = false;
        Range? userInfo = null;
        try
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    break;
                case JsonTokenType.Null:
                    return Fail($"{subject} is null; expected a JSON object{ExpectedMembers(subject)}.");
                default:
                    return Fail($"{subject} is a JSON {JsonKinds.Describe(reader.TokenType)}; expected an object{ExpectedMembers(subject)}.");
            }

            // The top level, member by member; each value the runtime does not read is skipped whole, which
            // the reader still validates (structure, depth) without a check of ours per token.
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // A name is compared raw, by its length first ("$url" and "userInfo" as clients and CloudBase
                // write them); only an escaped one is unescaped to compare.
                var rawName = reader.ValueSpan;
                var escaped = reader.ValueIsEscaped;
                var isUrl = escaped ? reader.ValueTextEquals(UrlProperty) : rawName.Length == 4 && rawName.SequenceEqual(UrlProperty);
                if (firstMemberDecides)
                {
                    firstMemberDecides = false;
                    if (!isUrl)
                    {
                        return EventDocument.Read(json, maxDepth, routes);
                    }
                }

                if (isUrl)
                {
                    if (urlSeen)
                    {
                        return Fail(ScanMessages.UrlTwice(subject));
                    }

                    urlSeen = true;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        url = (!reader.ValueIsEscaped ? routes?.Find(reader.ValueSpan) : null) ?? reader.GetString();
                        urlProblem = string.IsNullOrEmpty(url) ? ScanMessages.UrlEmpty : null;
                    }
                    else
                    {
                        urlProblem = ScanMessages.UrlNotString(JsonKinds.Describe(reader.TokenType));
                        reader.Skip();
                    }

                    continue;
                }

                var isUserInfo = escaped ? reader.ValueTextEquals(UserInfoProperty) : rawName.Length == 8 && rawName.SequenceEqual(UserInfoProperty);
                reader.Read();
                if (isUserInfo)
                {
                    if (userInfoSeen)
                    {
                        return Fail(ScanMessages.MemberTwice(subject, "userInfo")) with { IsDuplicate = true };
                    }

                    // The top-level "userInfo" object (CloudBase's caller on SCF): where its bytes are, so the
                    // caller is read without a second pass.
                    userInfoSeen = true;
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        userInfo = start..(int)reader.BytesConsumed;
                        continue;
                    }
                }

                reader.Skip();
            }

            // Trailing data after the object: the reader refuses it on the next read.
            while (reader.Read())
            {
            }
        }
        catch (JsonException ex)
        {
            // The reader checks the whole payload: truncation, trailing data and depth all land here.
            return Fail(reader.CurrentDepth >= maxDepth - 1 ? ScanMessages.TooDeep(subject, maxDepth) : ScanMessages.NotValidJson(subject, ex.Message));
        }

        return new EventScan(null, urlProblem is null ? url : null, urlProblem, urlSeen, UserInfo: userInfo);
    }

    /// <summary>Whether <paramref name="span"/> holds only JSON whitespace (RFC 8259); stops at the first other byte, an event's opening brace.</summary>
    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string ExpectedMembers(string subject) => subject == Subjects.Event ? " with a \"$url\" member" : "";

    internal static EventScan Fail(string message) => new(InvocationError.Of(ErrorTypes.InvalidEvent, message), null, null, false);
}

/// <summary>What a scanned text is called in messages.</summary>
internal static class Subjects
{
    public const string Event = "The event";
    public const string Body = "The request body";
}
