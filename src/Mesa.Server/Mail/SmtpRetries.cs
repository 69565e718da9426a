using Mesa.Server.Configuration;
using Polly;
using Polly.Retry;

namespace Mesa.Server.Mail;

/// <summary>The resilience pipeline around one SMTP attempt: a timeout per attempt, and exponential backoff with jitter between attempts.</summary>
public static class SmtpRetries
{
    public static ResiliencePipeline Create(SmtpOptions smtp, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder();
        if (smtp.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(SmtpFailures.IsTransient),
                MaxRetryAttempts = smtp.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(smtp.RetryDelaySeconds),
                OnRetry = retry =>
                {
                    logger.LogWarning("Mail attempt {Attempt} of {MaxAttempts} through {SmtpHost}:{SmtpPort} failed ({Problem}); trying again in {RetryDelay}",
                        retry.AttemptNumber + 1, smtp.MaxAttempts, smtp.Host, smtp.Port, retry.Outcome.Exception?.Message, retry.RetryDelay);
                    return default;
                },
            });
        }
        return builder.AddTimeout(TimeSpan.FromSeconds(smtp.TimeoutSeconds)).Build();
    }
}
