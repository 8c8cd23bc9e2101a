namespace Microblog.Functions;

/// <summary>
/// One of the five functions: the HTTP methods it accepts and its handler. The gateway of
/// <c>microblog serve</c> and the single-function host of <c>microblog function</c> both call it.
/// </summary>
internal abstract class Function
{
    public abstract string Name { get; }

    public abstract IReadOnlyList<string> Methods { get; }

    public abstract Task<IResult> InvokeAsync(HttpContext context);
}
