using Router;

namespace ShopFunction.Handlers;

/// <summary><c>user/register</c> and <c>user/login</c>, as in the tcb-router article. Static handlers: nothing to construct.</summary>
[Route("user")]
internal static class UserHandlers
{
    [Route("register")]
    public static Reply Register(Credentials request)
        => string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrEmpty(request.Password)
            ? Reply.Error("name and password are required")
            : Reply.Ok("register success");

    [Route("login")]
    public static Reply Login(Credentials request)
        => string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrEmpty(request.Password)
            ? Reply.Error("name and password are required")
            : Reply.Ok("login success");
}
