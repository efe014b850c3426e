// TLS listeners: filled in below.
