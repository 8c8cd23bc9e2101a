namespace Microblog;

/// <summary>
/// The database could not be reached or did not answer in time. The request can be retried;
/// nothing was written by the failed operation, or it was written and committed in full.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
