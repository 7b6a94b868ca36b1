using System.Runtime.InteropServices;
using System.Text.Json;
using Router.Runtime.Http;

namespace Router.Runtime.Events;

/// <summary>
/// Reads a whole event as a <see cref="JsonDocument"/>, in one parse, when its first member is not
/// <c>$url</c> (<see cref="EventScanner.ScanEvent"/> hands it over): a gateway's HTTP event, which its
/// format then reads from the document, or a direct event that names its route later.
/// </summary>
/// <remarks>
/// One walk over the parsed document makes the scan's checks, with the scan's messages
/// (<see cref="ScanMessages"/>), in the text's order: no deeper than the limit, neither <c>$url</c> nor
/// <c>userInfo</c> named twice at the top level, and where those two are. A gateway's HTTP event, which the
/// runtime reads itself (its method, path, headers, body), has no member named twice in any object (through
/// <see cref="DuplicatePropertyCheck"/>, on the names' raw bytes): a gateway never writes one. The walk keeps
/// its own stack, so a deep event cannot overflow the thread's.
/// </remarks>
internal static class EventDocument
{
    // The parser takes any depth, so the walk, not the parser, refuses an event that is too deep, in the
    // scan's words. It keeps a row per open container, so what it rents is bounded by the event's size.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = int.MaxValue };

    [ThreadStatic]
    private static List<Frame>? t_frames;

    /// <summary>Parses and checks <paramref name="json"/>, an object whose first member is not <c>$url</c>.</summary>
    /// <returns>
    /// The scan's result; for an HTTP event (also one refused only for a member named twice, so it is still
    /// answered in its shape) with its <see cref="EventScan.Format"/> and the <see cref="EventScan.Document"/>
    /// the format reads, which the caller disposes.
    /// </returns>
    public static EventScan Read(ReadOnlyMemory<byte> json, int maxDepth, RouteNames? routes)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ParseOptions);
        }
        catch (JsonException ex)
        {
            return EventScanner.Fail(ScanMessages.NotValidJson(Subjects.Event, ex.Message));
        }

        // A direct event names its route; anything else may be a gateway's HTTP event, whose format reads the
        // document again (a refused one for its answer's shape).
        var root = document.RootElement;
        var format = root.TryGetProperty("$url"u8, out _) ? null : HttpEventReader.Recognise(root);
        var scan = Walk(root, json, maxDepth, routes, everyObject: format is not null);
        if (format is null || (scan.Failure is not null && !scan.IsDuplicate))
        {
            document.Dispose();
            return scan;
        }

        return scan with { Document = document, Format = format };
    }

    private static EventScan Walk(JsonElement root, ReadOnlyMemory<byte> text, int maxDepth, RouteNames? routes, bool everyObject)
    {
        var json = text.Span;
        var duplicates = everyObject ? DuplicatePropertyCheck.For(text) : null;
        var userInfoSeen = false;
        var frames = t_frames ??= [];
        frames.Clear();
        frames.Add(Frame.Of(root));
        duplicates?.StartObject();
        string? url = null;
        string? urlProblem = null;
        var urlSeen = false;
        Range? userInfo = null;
        while (frames.Count > 0)
        {
            var depth = frames.Count;
            ref var frame = ref CollectionsMarshal.AsSpan(frames)[^1];
            JsonElement value;
            if (frame.IsObject)
            {
                if (!frame.Members.MoveNext())
                {
                    duplicates?.EndObject();
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                var property = frame.Members.Current;
                var name = JsonMarshal.GetRawUtf8PropertyName(property);
                json.Overlaps(name, out var start);
                var isEscaped = name.Contains((byte)'\\');
                var isUrl = depth == 1 && property.NameEquals("$url"u8);
                var isUserInfo = depth == 1 && !isUrl && property.NameEquals("userInfo"u8);
                if (isUrl ? urlSeen : isUserInfo && userInfoSeen)
                {
                    return isUrl
                        ? EventScanner.Fail(ScanMessages.UrlTwice(Subjects.Event))
                        : EventScanner.Fail(ScanMessages.MemberTwice(Subjects.Event, "userInfo")) with { IsDuplicate = true };
                }

                if (duplicates is not null && !duplicates.TryAdd(start, name.Length, isEscaped))
                {
                    return EventScanner.Fail(ScanMessages.MemberTwice(Subjects.Event, property.Name)) with { IsDuplicate = true };
                }

                value = property.Value;
                if (isUrl)
                {
                    urlSeen = true;
                    (url, urlProblem) = Url(value, routes);
                }
                else if (isUserInfo)
                {
                    userInfoSeen = true;
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        var raw = JsonMarshal.GetRawUtf8Value(value);
                        json.Overlaps(raw, out var at);
                        userInfo = at..(at + raw.Length);
                    }
                }
            }
            else
            {
                if (!frame.Items.MoveNext())
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }

                value = frame.Items.Current;
            }

            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                // The root is depth 1 here and 0 to a reader, whose limit counts the containers above a token.
                if (depth + 1 > maxDepth)
                {
                    return EventScanner.Fail(ScanMessages.TooDeep(Subjects.Event, maxDepth));
                }

                frames.Add(Frame.Of(value));
                if (value.ValueKind == JsonValueKind.Object)
                {
                    duplicates?.StartObject();
                }
            }
        }

        return new EventScan(null, urlProblem is null ? url : null, urlProblem, urlSeen, UserInfo: userInfo);
    }

    private static (string? Url, string? Problem) Url(JsonElement value, RouteNames? routes)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return (null, ScanMessages.UrlNotString(JsonKinds.Describe(value.ValueKind)));
        }

        var raw = JsonMarshal.GetRawUtf8Value(value)[1..^1];
        var url = (raw.Contains((byte)'\\') ? null : routes?.Find(raw)) ?? value.GetString();
        return string.IsNullOrEmpty(url) ? (null, ScanMessages.UrlEmpty) : (url, null);
    }

    /// <summary>An open container and how far the walk is through it.</summary>
    private struct Frame
    {
        public bool IsObject;
        public JsonElement.ObjectEnumerator Members;
        public JsonElement.ArrayEnumerator Items;

        public static Frame Of(JsonElement container) => container.ValueKind == JsonValueKind.Object
            ? new Frame { IsObject = true, Members = container.EnumerateObject() }
            : new Frame { Items = container.EnumerateArray() };
    }
}
