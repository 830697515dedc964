-- AlterTable
ALTER TABLE "VehicleModel" ADD COLUMN     "conformity" JSONB;
