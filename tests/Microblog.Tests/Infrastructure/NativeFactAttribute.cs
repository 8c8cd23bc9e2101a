namespace Microblog.Tests.Infrastructure;

/// <summary>A test of the Native AOT binary, skipped when <c>MICROBLOG_NATIVE_BINARY</c> is not set.</summary>
public sealed class NativeFactAttribute : FactAttribute
{
    public NativeFactAttribute()
    {
        if (MicroblogChildProcess.NativeBinary is null)
        {
            Skip = $"{MicroblogChildProcess.NativeBinaryVariable} is not set; publish the native binary with "
                + "'dotnet publish src/Microblog -c Release -r linux-x64' and set it to the binary's path.";
        }
    }
}
