import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: who wrote a message is fixed at creation (R04). TypeORM already
 * never updates these columns; this trigger makes the database refuse it too, for
 * any client.
 */
export class AddMessageAuthorGuard1795903283600 implements MigrationInterface {
  name = 'AddMessageAuthorGuard1795903283600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION messages_author_is_immutable() RETURNS trigger AS $$
      BEGIN
        IF NEW.author_type IS DISTINCT FROM OLD.author_type
           OR NEW.ai_generated IS DISTINCT FROM OLD.ai_generated
           OR NEW.author_id IS DISTINCT FROM OLD.author_id THEN
          RAISE EXCEPTION 'the author of message % is fixed at creation', OLD.id
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END
      $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      CREATE TRIGGER messages_author_immutable BEFORE UPDATE ON "messages"
      FOR EACH ROW EXECUTE FUNCTION messages_author_is_immutable()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "messages_author_immutable" ON "messages"`);
    await queryRunner.query(`DROP FUNCTION messages_author_is_immutable()`);
  }
}
