using System.Text.Json;

namespace Router.Runtime.Hosting;

/// <summary>
/// The mini-program caller Tencent CloudBase supplies on SCF, read the way its SDKs read it
/// (wx-server-sdk's <c>getWXContext</c>, @cloudbase/node-sdk's <c>getCloudbaseContext</c>; docs/platforms.md,
/// "Tencent CloudBase: the caller"): the invocation's context first (JSON in <c>environment</c>, or
/// <c>K=V;K=V</c> in <c>environ</c>), then the instance's environment, for <c>WX_OPENID</c>, <c>WX_APPID</c>,
/// <c>WX_UNIONID</c> and <c>TCB_SOURCE</c>; and the <c>userInfo</c> CloudBase puts into a direct event. Only
/// ever on SCF: anywhere else a client writes these fields.
/// </summary>
internal static class CloudBaseIdentity
{
    /// <summary>The caller from the invocation's context values (either form) and the instance's environment, or <see langword="null"/>.</summary>
    public static CallerIdentity? FromContext(string? environment, string? environ, Func<string, string?> instance)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(environment))
        {
            try
            {
                using var document = JsonDocument.Parse(environment);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var member in document.RootElement.EnumerateObject())
                    {
                        if (member.Value.ValueKind == JsonValueKind.String)
                        {
                            values[member.Name] = member.Value.GetString()!;
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not the context's JSON: fall back to the instance's environment, as the SDKs do.
            }
        }
        else if (!string.IsNullOrEmpty(environ))
        {
            foreach (var pair in environ.Split(';'))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    values[pair[..equals]] = pair[(equals + 1)..];
                }
            }
        }

        string? Value(string name) => values.TryGetValue(name, out var value) && value.Length > 0 ? value : instance(name) is { Length: > 0 } fallback ? fallback : null;
        var openId = Value("WX_OPENID");
        return openId is null ? null : new CallerIdentity(openId, Value("WX_APPID"), Value("WX_UNIONID"), Value("TCB_SOURCE"));
    }

    /// <summary>
    /// The caller in the <c>userInfo</c> object CloudBase puts into a direct event (<c>{ "appId", "openId", "unionId" }</c>),
    /// read from that object's bytes alone (the event scan found them: <see cref="Events.EventScan.UserInfo"/>), or
    /// <see langword="null"/> when it names no <c>openId</c>.
    /// </summary>
    public static CallerIdentity? FromUserInfo(ReadOnlySpan<byte> userInfoJson)
    {
        var reader = new Utf8JsonReader(userInfoJson);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? openId = null, appId = null, unionId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
            switch (name)
            {
                case "openId":
                    openId = value;
                    break;
                case "appId":
                    appId = value;
                    break;
                case "unionId":
                    unionId = value;
                    break;
            }
        }

        return string.IsNullOrEmpty(openId) ? null : new CallerIdentity(openId, appId, unionId, Source: null);
    }

    /// <summary><paramref name="invocation"/> with <paramref name="caller"/>.</summary>
    public static InvocationInfo With(InvocationInfo invocation, CallerIdentity caller) => new(invocation.Platform, invocation.RequestId)
    {
        FunctionName = invocation.FunctionName,
        FunctionVersion = invocation.FunctionVersion,
        InvokedFunctionArn = invocation.InvokedFunctionArn,
        MemoryLimitMB = invocation.MemoryLimitMB,
        Deadline = invocation.Deadline,
        TraceId = invocation.TraceId,
        ClientContext = invocation.ClientContext,
        CognitoIdentity = invocation.CognitoIdentity,
        Credentials = invocation.Credentials,
        Caller = caller,
    };
}
