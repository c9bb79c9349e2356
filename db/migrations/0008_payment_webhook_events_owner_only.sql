-- Provider webhook events are received before any tenant is known: the owner's business only.
REVOKE ALL ON TABLE payment_webhook_events FROM vendops_app;
