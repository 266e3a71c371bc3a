from django.core.management.base import BaseCommand, CommandError

from motcua.audit.services import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log; report edited, inserted or deleted events."

    def handle(self, *args, **options):
        report = audit_chain_verify()
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"OK: {report.checked} events, chain head {report.head_hash}"))
            return
        for problem in report.problems:
            self.stderr.write(problem)
        raise CommandError(f"Audit chain broken: {len(report.problems)} problem(s) in {report.checked} events")
