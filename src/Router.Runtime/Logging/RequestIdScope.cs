using System.Collections;

namespace Router.Runtime.Logging;

/// <summary>
/// The logging scope an invocation runs in when the logger factory is not the function's own: providers
/// that show scopes (the console logger with <c>IncludeScopes</c>, OpenTelemetry) then put the request id on
/// every line of the invocation, as named value <c>RequestId</c>.
/// </summary>
internal sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index]
        => index == 0 ? new("RequestId", requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "RequestId:" + requestId;
}
