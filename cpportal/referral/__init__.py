"""Referral pathway data: loading, validation, and what the site builds from it."""
