-- AlterTable
ALTER TABLE "CorridorLeg" ADD COLUMN     "maxFeu" INTEGER;
