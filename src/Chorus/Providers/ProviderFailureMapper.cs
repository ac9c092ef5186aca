namespace Chorus.Providers;

/// <summary>Maps an exception raised by one kind of client to a <see cref="ProviderFailure"/>, or returns <see langword="null"/> when
/// it does not recognise it. The extension point of <see cref="ProviderFailureClassifier"/>.</summary>
/// <param name="exception">The exception (or one of its inner exceptions) to map.</param>
/// <returns>The failure, or <see langword="null"/> to let other mappers and the built-in rules decide.</returns>
/// <remarks>Must be thread-safe and must not throw.</remarks>
public delegate ProviderFailure? ProviderFailureMapper(Exception exception);
