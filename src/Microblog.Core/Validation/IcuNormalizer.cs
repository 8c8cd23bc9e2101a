using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Microblog.Validation;

/// <summary>
/// A binding to ICU's <c>unorm2</c> C API. On Linux, ICU's library name and exported symbols
/// carry its major version (<c>libicuuc.so.72</c>, <c>unorm2_normalize_72</c>), so the newest
/// installed version is found by trying each version in turn.
/// </summary>
internal sealed unsafe class IcuNormalizer
{
    private const int NewestVersion = 99;
    private const int OldestVersion = 50;
    private const int BufferOverflowError = 15;

    private static readonly Lazy<IcuNormalizer> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly nint _nfc;
    private readonly nint _nfkc;
    private readonly delegate* unmanaged<nint, char*, int, char*, int, int*, int> _normalize;
    private readonly delegate* unmanaged<nint, char*, int, int*, sbyte> _isNormalized;

    private IcuNormalizer(nint library, string suffix)
    {
        var getNfc = (delegate* unmanaged<int*, nint>)NativeLibrary.GetExport(library, "unorm2_getNFCInstance" + suffix);
        var getNfkc = (delegate* unmanaged<int*, nint>)NativeLibrary.GetExport(library, "unorm2_getNFKCInstance" + suffix);
        _normalize = (delegate* unmanaged<nint, char*, int, char*, int, int*, int>)NativeLibrary.GetExport(
            library, "unorm2_normalize" + suffix);
        _isNormalized = (delegate* unmanaged<nint, char*, int, int*, sbyte>)NativeLibrary.GetExport(
            library, "unorm2_isNormalized" + suffix);

        var error = 0;
        _nfc = getNfc(&error);
        ThrowOnError(error, "unorm2_getNFCInstance");
        _nfkc = getNfkc(&error);
        ThrowOnError(error, "unorm2_getNFKCInstance");
    }

    /// <summary>The normalizer of the installed ICU, loaded on first use.</summary>
    /// <exception cref="PlatformNotSupportedException">ICU is not installed.</exception>
    public static IcuNormalizer Instance => Loaded.Value;

    /// <summary>Normalizes well-formed UTF-16 text.</summary>
    public string Normalize(string text, NormalizationForm form)
    {
        var normalizer = form switch
        {
            NormalizationForm.FormC => _nfc,
            NormalizationForm.FormKC => _nfkc,
            _ => throw new ArgumentOutOfRangeException(nameof(form), form, "Only NFC and NFKC are supported."),
        };

        fixed (char* source = text)
        {
            var error = 0;
            var isNormalized = _isNormalized(normalizer, source, text.Length, &error);
            ThrowOnError(error, "unorm2_isNormalized");
            if (isNormalized != 0)
            {
                return text;
            }

            // Composition rarely makes text longer. When the buffer is too small, ICU returns the
            // length it needs and the call is repeated with a buffer of that length.
            var capacity = text.Length + 16;
            while (true)
            {
                var buffer = ArrayPool<char>.Shared.Rent(capacity);
                try
                {
                    fixed (char* destination = buffer)
                    {
                        error = 0;
                        var length = _normalize(normalizer, source, text.Length, destination, buffer.Length, &error);
                        if (error == BufferOverflowError)
                        {
                            capacity = length;
                            continue;
                        }

                        ThrowOnError(error, "unorm2_normalize");
                        return new string(buffer, 0, length);
                    }
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(buffer);
                }
            }
        }
    }

    private static IcuNormalizer Load()
    {
        foreach (var (name, suffix) in Candidates())
        {
            if (!NativeLibrary.TryLoad(name, typeof(IcuNormalizer).Assembly, null, out var library))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(library, "unorm2_normalize" + suffix, out _))
            {
                return new IcuNormalizer(library, suffix);
            }

            if (NativeLibrary.TryGetExport(library, "unorm2_normalize", out _))
            {
                return new IcuNormalizer(library, "");
            }
        }

        throw new PlatformNotSupportedException(
            "Unicode normalization needs ICU, and no ICU library (libicuuc) was found; install the libicu package.");
    }

    private static IEnumerable<(string Name, string Suffix)> Candidates()
    {
        if (OperatingSystem.IsWindows())
        {
            yield return ("icuuc.dll", "");
            yield return ("icu.dll", "");
            yield break;
        }

        if (OperatingSystem.IsMacOS())
        {
            yield return ("libicucore.dylib", "");
            yield break;
        }

        for (var version = NewestVersion; version >= OldestVersion; version--)
        {
            yield return ($"libicuuc.so.{version}", $"_{version}");
        }

        yield return ("libicuuc.so", "");
    }

    // ICU reports failures as positive UErrorCode values and warnings as negative ones.
    private static void ThrowOnError(int error, string function)
    {
        if (error > 0)
        {
            throw new InvalidOperationException($"ICU's {function} failed with error code {error}.");
        }
    }
}
