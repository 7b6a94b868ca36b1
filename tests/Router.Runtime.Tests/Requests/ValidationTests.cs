using System.Text;
using System.Text.Json;
using Router.Runtime.Tests.Hosting;
using Router.Runtime.Tests.Http;

namespace Router.Runtime.Tests.Requests;

/// <summary>
/// Validation before the handler (docs/guide.md, "Validation"), over a direct invocation and an HTTP event:
/// every attribute kind at the top level, in a nested object and in a collection's items, the type's own
/// attribute and IValidatableObject; each failure under its JSON path, and a valid request reaches the handler.
/// </summary>
public sealed class ValidationTests
{
    private static readonly FunctionInvoker s_invoker = new(new HostTestRouter(), null, new FunctionInvokerOptions { Log = TextWriter.Null });

    private const string Valid = """
        {"name":"ann","email":"ann@example.com","age":30,"phone":"13800000000","platform":"wechat","homepage":"https://example.com",
         "tags":["a"],"pets":[{"name":"rex","kg":12.5}],"address":{"city":"Hangzhou","postCode":"310000"},"invite_code":"abc",
         "password":"x","passwordAgain":"x"}
        """;

    private static string Event(string body) => "{\"$url\":\"test/signup\"," + body.Trim()[1..];

    private static async Task<InvocationResult> InvokeAsync(string body) => await s_invoker.InvokeAsync(Encoding.UTF8.GetBytes(Event(body)));

    [Fact]
    public async Task AValidRequest_ReachesTheHandler()
    {
        var result = await InvokeAsync(Valid);
        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal("""{"name":"ann","pets":1}""", result.ToString());
    }

    public static TheoryData<string, string, string, string> Failures => new()
    {
        // what is changed, into what, the JSON path that fails, a piece of its message
        { "\"name\":\"ann\"", "\"name\":null", "$.name", "The name field is required." },
        { "\"name\":\"ann\"", "\"name\":\"an\"", "$.name", "The field name must be a string with a minimum length of 3 and a maximum length of 20." },
        { "\"email\":\"ann@example.com\"", "\"email\":\"ann\"", "$.email", "The e-mail address field is not a valid e-mail address." },
        { "\"age\":30", "\"age\":12", "$.age", "The field age must be between 18 and 130." },
        { "\"phone\":\"13800000000\"", "\"phone\":\"12\"", "$.phone", "phone must be 11 digits." },
        { "\"platform\":\"wechat\"", "\"platform\":\"qq\"", "$.platform", "The platform field does not equal any of the values specified in AllowedValuesAttribute." },
        { "\"homepage\":\"https://example.com\"", "\"homepage\":\"example\"", "$.homepage", "The homepage field is not a valid fully-qualified http, https, or ftp URL." },
        { "\"tags\":[\"a\"]", "\"tags\":[]", "$.tags", "minimum length of '1'" },
        { "\"tags\":[\"a\"]", "\"tags\":[\"a\",\"b\",\"c\",\"d\"]", "$.tags", "maximum length of '3'" },
        { "\"pets\":[{\"name\":\"rex\",\"kg\":12.5}]", "\"pets\":[]", "$.pets", "minimum length of '1' and maximum length of '2'" },
        { "\"pets\":[{\"name\":\"rex\",\"kg\":12.5}]", "\"pets\":[{\"name\":\"rex\",\"kg\":1},{\"kg\":1}]", "$.pets[1].name", "The name field is required." },
        { "\"pets\":[{\"name\":\"rex\",\"kg\":12.5}]", "\"pets\":[{\"name\":\"rex\",\"kg\":500}]", "$.pets[0].kg", "The field kg must be between 0.1 and 100." },
        { "\"city\":\"Hangzhou\"", "\"city\":null", "$.address.city", "The city field is required." },
        { "\"postCode\":\"310000\"", "\"postCode\":\"31\"", "$.address.postCode", "The field postCode must match the regular expression '^[0-9]{6}$'." },
        { "\"invite_code\":\"abc\"", "\"invite_code\":\"abcdefghij\"", "$.invite_code", "maximum length of 8" },
        { "\"invite_code\":\"abc\"", "\"invite_code\":\"expired\"", "$.invite_code", "The invite has expired." },
        { "\"passwordAgain\":\"x\"", "\"passwordAgain\":\"y\"", "$.passwordAgain", "The passwords differ." },
        { "\"name\":\"ann\"", "\"name\":\"admin\"", "$", "The name is reserved." },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task EachAttribute_RefusesItsMember_ByJsonPath(string valid, string invalid, string path, string message)
    {
        Assert.Contains(valid, Valid, StringComparison.Ordinal);
        var result = await InvokeAsync(Valid.Replace(valid, invalid, StringComparison.Ordinal));

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorTypes.InvalidRequest, result.ErrorType);
        Assert.Contains(path + ": ", result.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(message, result.ErrorMessage, StringComparison.Ordinal);
        Assert.StartsWith("The event for route 'test/signup' is not valid:", result.ErrorMessage, StringComparison.Ordinal);

        // The next request is served.
        Assert.True((await InvokeAsync(Valid)).IsSuccess);
    }

    [Fact]
    public async Task ATypeThatHoldsItself_IsValidatedAtEveryDepth()
    {
        var valid = await s_invoker.InvokeAsync("""{"$url":"test/folders","name":"root","children":[{"name":"a","children":[{"name":"b"}]}]}"""u8.ToArray());
        Assert.True(valid.IsSuccess, valid.ErrorMessage);
        Assert.Equal("""{"name":"root","pets":2}""", valid.ToString());

        var deep = await s_invoker.InvokeAsync("""{"$url":"test/folders","name":"root","children":[{"name":"a","children":[{"name":"much too long"},{}]}]}"""u8.ToArray());
        Assert.Equal(ErrorTypes.InvalidRequest, deep.ErrorType);
        Assert.Contains("$.children[0].children[0].name: The field name must be a string with a maximum length of 8.", deep.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("$.children[0].children[1].name: The name field is required.", deep.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryFailure_IsNamed_InOneAnswer()
    {
        var result = await InvokeAsync("""{"name":"a","age":1,"pets":[{"kg":0}],"address":{"postCode":"x"}}""");
        Assert.Equal(ErrorTypes.InvalidRequest, result.ErrorType);
        foreach (var path in new[] { "$.name", "$.email", "$.age", "$.pets[0].name", "$.pets[0].kg", "$.address.city", "$.address.postCode" })
        {
            Assert.Contains(path + ": ", result.ErrorMessage, StringComparison.Ordinal);
        }

        // IValidatableObject runs only when the object's members passed, as Validator.TryValidateObject does.
        Assert.DoesNotContain("passwords", result.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Shape.HttpApi)]
    [InlineData(Shape.RestApi)]
    [InlineData(Shape.FcHttpTrigger)]
    public async Task OverHttp_A400_CarriesTheErrorsByPath(Shape shape)
    {
        var body = Valid.Replace("\"age\":30", "\"age\":3", StringComparison.Ordinal).Replace("\"city\":\"Hangzhou\"", "\"city\":\"\"", StringComparison.Ordinal);
        var result = await s_invoker.InvokeAsync(HttpEventBuilder.Build(shape, HttpCall.Json("POST", "/test/signup", body)));

        Assert.Equal(400, result.HttpStatusCode);
        Assert.Equal(ErrorTypes.InvalidRequest, result.ErrorType);
        var response = HttpEventBuilder.Json(result.Body);
        var answer = JsonDocument.Parse(response.GetProperty("body").GetString()!).RootElement;
        Assert.Equal("InvalidRequest", answer.GetProperty("errorType").GetString());
        Assert.Contains("$.age", answer.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        var errors = answer.GetProperty("errors");
        Assert.Equal(["$.age", "$.address.city"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal("The field age must be between 18 and 130.", Assert.Single(errors.GetProperty("$.age").EnumerateArray()).GetString());
        Assert.Equal("The city field is required.", Assert.Single(errors.GetProperty("$.address.city").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task ABindingFailure_OverHttp_HasNoErrorsMap()
    {
        var result = await s_invoker.InvokeAsync(HttpEventBuilder.Build(Shape.HttpApi, HttpCall.Json("POST", "/test/signup", """{"age":"old"}""")));
        Assert.Equal(400, result.HttpStatusCode);
        var answer = JsonDocument.Parse(HttpEventBuilder.Json(result.Body).GetProperty("body").GetString()!).RootElement;
        Assert.False(answer.TryGetProperty("errors", out _));
        Assert.Contains("$.age", answer.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheOpenApiDocument_CarriesTheConstraints()
    {
        var document = JsonDocument.Parse(Router.Runtime.Describing.OpenApiDocument.Write(new HostTestRouter(), "test", "1")).RootElement;
        var signUp = document.GetProperty("components").GetProperty("schemas").GetProperty("SignUp");
        var properties = signUp.GetProperty("properties");

        Assert.Contains("name", signUp.GetProperty("required").EnumerateArray().Select(n => n.GetString()));
        Assert.Contains("email", signUp.GetProperty("required").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(3, properties.GetProperty("name").GetProperty("minLength").GetInt32());
        Assert.Equal(20, properties.GetProperty("name").GetProperty("maxLength").GetInt32());
        Assert.Equal("email", properties.GetProperty("email").GetProperty("format").GetString());
        Assert.Equal(18, properties.GetProperty("age").GetProperty("minimum").GetInt32());
        Assert.Equal(130, properties.GetProperty("age").GetProperty("maximum").GetInt32());
        Assert.Equal("^[0-9]{11}$", properties.GetProperty("phone").GetProperty("pattern").GetString());
        Assert.Equal(["wechat", "alipay"], properties.GetProperty("platform").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(1, properties.GetProperty("tags").GetProperty("minItems").GetInt32());
        Assert.Equal(3, properties.GetProperty("tags").GetProperty("maxItems").GetInt32());
        Assert.Equal(8, properties.GetProperty("invite_code").GetProperty("maxLength").GetInt32());

        // Nested objects and collection items carry theirs too.
        var pet = properties.GetProperty("pets").GetProperty("items");
        Assert.Contains("name", pet.GetProperty("required").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(100, pet.GetProperty("properties").GetProperty("kg").GetProperty("maximum").GetDouble());
        Assert.Equal("^[0-9]{6}$", properties.GetProperty("address").GetProperty("properties").GetProperty("postCode").GetProperty("pattern").GetString());

        // An idempotent route takes the key's header and can answer 409 and 422; the others cannot.
        var order = document.GetProperty("paths").GetProperty("/test/order").GetProperty("post");
        Assert.Contains(order.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        Assert.True(order.GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(order.GetProperty("responses").TryGetProperty("422", out _));
        Assert.False(document.GetProperty("paths").GetProperty("/test/signup").GetProperty("post").GetProperty("responses").TryGetProperty("409", out _));
    }
}
