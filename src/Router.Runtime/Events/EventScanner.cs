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
/// <see cref="Utf8JsonReader"/>: valid JSON, one object, no deeper than the limit, no member named twice in
/// any object, and where its top-level <c>$url</c> is.
/// </summary>
/// <remarks>
/// A whole event (<see cref="ScanEvent"/>) is read once, by one of two readers, and its first member
/// decides which: <c>$url</c> (a direct event as clients write it) and this scan goes on; anything else (a
/// gateway's HTTP event, or a direct event naming its route later) and the event is parsed as a
/// document (<see cref="EventDocument"/>), which the HTTP formats read, with the same checks and messages.
/// Only the opening brace and that first name are read by both.
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
        var duplicates = DuplicatePropertyCheck.For(json);
        string? url = null;
        string? urlProblem = null;
        var urlSeen = false;
        var userInfoStart = -1;
        Range? userInfo = null;
        // The nesting the reader is at, counted here (the root object is 1) rather than asked of the reader per member.
        var depth = 1;
        try
        {
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    duplicates.StartObject();
                    break;
                case JsonTokenType.Null:
                    return Fail($"{subject} is null; expected a JSON object{ExpectedMembers(subject)}.");
                default:
                    return Fail($"{subject} is a JSON {JsonKinds.Describe(reader.TokenType)}; expected an object{ExpectedMembers(subject)}.");
            }

            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        depth++;
                        duplicates.StartObject();
                        continue;
                    case JsonTokenType.StartArray:
                        depth++;
                        continue;
                    case JsonTokenType.EndArray:
                        depth--;
                        continue;
                    case JsonTokenType.EndObject:
                        depth--;
                        duplicates.EndObject();
                        if (userInfoStart >= 0 && depth == 1)
                        {
                            userInfo = userInfoStart..(int)reader.BytesConsumed;
                            userInfoStart = -1;
                        }

                        continue;
                    case JsonTokenType.PropertyName:
                        break;
                    default:
                        continue;
                }

                // A top-level name is compared raw, by its length first ("$url" and "userInfo" as clients and
                // CloudBase write them); only an escaped one is unescaped to compare.
                var topLevel = depth == 1;
                var rawName = reader.ValueSpan;
                var isUrl = topLevel && (reader.ValueIsEscaped ? reader.ValueTextEquals(UrlProperty) : rawName.Length == 4 && rawName.SequenceEqual(UrlProperty));
                if (firstMemberDecides)
                {
                    firstMemberDecides = false;
                    if (!isUrl)
                    {
                        return EventDocument.Read(json, maxDepth, routes);
                    }
                }

                if (!duplicates.TryAdd(ref reader))
                {
                    return isUrl
                        ? Fail(ScanMessages.UrlTwice(subject))
                        : Fail(ScanMessages.MemberTwice(subject, reader.GetString())) with { IsDuplicate = true };
                }

                if (!isUrl)
                {
                    // The top-level "userInfo" object (CloudBase writes it plainly): its bytes run from its start
                    // here to its end (EndObject at depth 1 above), so the caller is read without a second pass.
                    if (topLevel && rawName.Length == 8 && !reader.ValueIsEscaped && rawName.SequenceEqual(UserInfoProperty) && reader.Read())
                    {
                        Open(ref reader, duplicates, ref depth);
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            userInfoStart = (int)reader.TokenStartIndex;
                        }
                    }

                    continue;
                }

                urlSeen = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    url = (!reader.ValueIsEscaped ? routes?.Find(reader.ValueSpan) : null) ?? reader.GetString();
                    if (string.IsNullOrEmpty(url))
                    {
                        urlProblem = ScanMessages.UrlEmpty;
                    }
                }
                else
                {
                    urlProblem = ScanMessages.UrlNotString(JsonKinds.Describe(reader.TokenType));
                    Open(ref reader, duplicates, ref depth);
                }
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

    /// <summary>Counts the container a value read out of the loop's order opens, as the loop does.</summary>
    private static void Open(ref Utf8JsonReader reader, DuplicatePropertyCheck duplicates, ref int depth)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            depth++;
            duplicates.StartObject();
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            depth++;
        }
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
