"""Certification per stage and field, and the gate that lets a certificate decide what a clerk may do."""
